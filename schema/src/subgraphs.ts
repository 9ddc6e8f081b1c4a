/**
 * THE list of subgraphs: compose, `npm start`, the gateway and the tests read it.
 * `port` is the default; `<NAME>_PORT` overrides it and `<NAME>_URL` tells the
 * gateway where a separately deployed subgraph runs.
 */
export interface SubgraphDefinition {
  /** Subgraph name in the supergraph, also its folder under `subgraphs/`. */
  name: SubgraphName
  /** Default port; the gateway takes 4000 and the subgraphs the ports after it. */
  port: number
  /** Its own database, migrated from `migrations/<database>/`. */
  database: SubgraphName
  /** A sectoral register: its SDL also gets the shared register types (Address, MappingStatus…). */
  register: boolean
}

export type SubgraphName = 'boundary' | 'population' | 'civil-status' | 'land' | 'business' | 'insurance' | 'cases' | 'audit'

export const SUBGRAPHS: readonly SubgraphDefinition[] = [
  { name: 'boundary', port: 4001, database: 'boundary', register: false },
  { name: 'population', port: 4002, database: 'population', register: true }, // CSDL quốc gia về dân cư
  { name: 'civil-status', port: 4003, database: 'civil-status', register: true }, // hộ tịch
  { name: 'land', port: 4004, database: 'land', register: true }, // đất đai
  { name: 'business', port: 4005, database: 'business', register: true }, // đăng ký doanh nghiệp
  { name: 'insurance', port: 4006, database: 'insurance', register: true }, // bảo hiểm xã hội, bảo hiểm y tế
  { name: 'cases', port: 4007, database: 'cases', register: false }, // hồ sơ thủ tục hành chính: the procedure catalogue and application drafts
  { name: 'audit', port: 4008, database: 'audit', register: false }, // nhật ký truy cập: the citizen's data tracker (myDataAccesses), read from the gateway's audit trail
]

export const GATEWAY_PORT = 4000

/** A register, as the `Register` enum of register-types.graphql names it. */
export type RegisterName = 'POPULATION' | 'CIVIL_STATUS' | 'LAND' | 'BUSINESS' | 'INSURANCE'

/** The subgraph (and database) of a register: `CIVIL_STATUS` → `civil-status`. */
export function subgraphOfRegister(register: RegisterName): SubgraphName {
  return register.toLowerCase().replaceAll('_', '-') as SubgraphName
}
