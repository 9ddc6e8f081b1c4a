export { generateNation, type DefectRates, type GenerateOptions, type Nation } from './generate.js'
export { RegisterNotEmptyError, registersAreEmpty, seedRegisters, type SeedOptions, type SeedResult } from './load.js'
export {
  DEFECT_KINDS,
  REGISTERS,
  // The same list under its older name, still imported by scripts/start.ts and tests/.
  registerDatabaseUrls,
  type AddressCounts,
  type DefectKind,
  type DefectManifest,
  type DiscrepancyField,
  type DiscrepancyRegister,
  type ExpectedDiscrepancy,
  type RegisterName,
} from './manifest.js'
export { loadPlaces, type LegacyCommune, type Places } from './places.js'
