export { DEFAULT_CHUNK_SIZE, DEFAULT_DEFECT_RATES, generateNation, type DefectRates, type GenerateOptions, type Nation } from './generate.js'
export { RegisterNotEmptyError, registersAreEmpty, seedRegisters, type SeedOptions, type SeedResult } from './load.js'
export {
  DEFECT_KINDS,
  REGISTERS,
  REGISTERS as REGISTER_DATABASES,
  addressesOf,
  forEachAddress,
  type AddressCounts,
  type DefectKind,
  type DefectManifest,
  type DiscrepancyField,
  type DiscrepancyRegister,
  type ExpectedDiscrepancy,
  type RegisterName,
} from './manifest.js'
export { enterpriseCheckDigit, isValidEnterpriseCode } from './identifiers.js'
