import { countAddressMappings, insertAddressResolution, type AddressLoaders, type AddressRow } from '@lienthong/lib/registers'
import { officialSubjectOf, type SecurityContext } from '@lienthong/lib/subgraph'
import { GraphQLError } from 'graphql'
import { subgraphOfRegister, type RegisterName } from '../subgraphs.js'
import type { Kysely } from 'kysely'


/**
 * What the shared register resolvers need from a register subgraph's context;
 * `caller` and `purpose` (SecurityContext) are what the gateway signed.
 */
export interface RegisterContext extends SecurityContext {
  /**
   * The register's database; any register's database interface extends
   * `RegisterAddressDatabase`, which kysely's invariant types cannot express here.
   */
  db: Kysely<any>
  addressLoaders: AddressLoaders
}

/** An address row on its way to the `Address` type, tagged with the register that holds it. */
export interface AddressParent extends AddressRow {
  register: RegisterName
}


/**
 * Loads an address for a field that returns `Address`: `null` for a record
 * without that address.
 *
 * ```ts
 * Citizen: { permanentResidence: (citizen, _, context) => loadAddress(context, 'POPULATION', citizen.permanent_address_id) }
 * ```
 */
export async function loadAddress(context: RegisterContext, register: RegisterName, addressId: number | null | undefined): Promise<AddressParent | null> {
  if (addressId === null || addressId === undefined) return null
  const row = await context.addressLoaders.address.load(addressId)
  return row ? { ...row, register } : null
}

/** Resolvers of the shared `Address`, `MappingCandidate` and `AddressResolution` types. */
export const addressResolvers = {
  Address: {
    id: (address: AddressParent) => `${subgraphOfRegister(address.register)}:${address.id}`,
    legacyCommune: (address: AddressParent) => (address.legacy_commune_code ? { code: address.legacy_commune_code } : null),
    commune: async (address: AddressParent, _args: unknown, context: RegisterContext) => {
      if (address.mapping_status === 'EXACT') return address.commune_code ? { code: address.commune_code } : null
      if (address.mapping_status !== 'SPLIT_NEEDS_REVIEW') return null
      const [latest] = await context.addressLoaders.resolutions.load(address.id)
      return latest ? { code: latest.commune_code } : null
    },
    mappingStatus: async (address: AddressParent, _args: unknown, context: RegisterContext) => {
      if (address.mapping_status === 'SPLIT_NEEDS_REVIEW') {
        const resolutions = await context.addressLoaders.resolutions.load(address.id)
        return resolutions.length > 0 ? 'RESOLVED' : 'SPLIT_NEEDS_REVIEW'
      }
      // An address never mapped yet has no known 2025 commune.
      return address.mapping_status ?? 'NOT_FOUND'
    },
    mappedAt: (address: AddressParent) => address.mapped_at,
    candidates: async (address: AddressParent, _args: unknown, context: RegisterContext) => {
      if (!address.legacy_commune_code) return []
      const rows = await context.addressLoaders.crosswalk.load(address.legacy_commune_code)
      return rows.map((row) => ({ commune: { code: row.commune_code }, whole: row.whole, primary: row.is_primary }))
    },
    resolutions: async (address: AddressParent, _args: unknown, context: RegisterContext) =>
      (await context.addressLoaders.resolutions.load(address.id)).map((row) => ({
        commune: { code: row.commune_code },
        resolvedBy: row.resolved_by,
        resolvedAt: row.resolved_at,
        reason: row.reason,
      })),
  },
}

export interface ResolveAddressMappingArgs {
  addressId: string
  communeCode: string
  reason: string
}

const MAX_REASON_LENGTH = 2_000

/**
 * The resolver of a register's `resolve…AddressMapping` mutation: records an
 * official's choice of one candidate for a split address, under the verified
 * official caller's subject (UNAUTHENTICATED when anonymous, FORBIDDEN for a
 * machine client or a citizen). The address's recorded text, legacy code and
 * computed mapping stay untouched; the choice is appended to
 * `address_resolution`, and a later choice supersedes it without erasing it.
 */
export function createResolveAddressMapping(register: RegisterName) {
  return async (_parent: unknown, { addressId, communeCode, reason }: ResolveAddressMappingArgs, context: RegisterContext): Promise<AddressParent> => {
    // Who decides is the verified official caller, never a value the request states.
    const official = officialSubjectOf(context)
    if (!context.caller) {
      throw new GraphQLError('Resolving an address needs a signed-in official: the request is anonymous.', {
        extensions: { code: 'UNAUTHENTICATED' },
      })
    }
    if (!official) {
      throw new GraphQLError(`Resolving an address is an official's decision; a ${context.caller.kind} caller cannot make it.`, {
        extensions: { code: 'FORBIDDEN' },
      })
    }
    const id = parseAddressId(register, addressId)
    const trimmedReason = reason.trim()
    if (trimmedReason.length === 0 || trimmedReason.length > MAX_REASON_LENGTH) {
      throw badInput(`reason must say why this commune was chosen, in 1 to ${MAX_REASON_LENGTH} characters`)
    }
    const address = await context.addressLoaders.address.load(id)
    if (!address) throw new GraphQLError(`No address ${addressId} in this register.`, { extensions: { code: 'NOT_FOUND' } })
    if (address.mapping_status !== 'SPLIT_NEEDS_REVIEW') {
      throw badInput(`address ${addressId} is ${address.mapping_status ?? 'not mapped yet'}, not SPLIT_NEEDS_REVIEW: only a split address is resolved by an official`)
    }
    const candidates = await context.addressLoaders.crosswalk.load(address.legacy_commune_code!)
    if (!candidates.some((candidate) => candidate.commune_code === communeCode)) {
      const allowed = candidates.map((candidate) => candidate.commune_code).join(', ')
      throw badInput(`commune ${communeCode} is not a candidate for address ${addressId}; its candidates are ${allowed}`)
    }
    await insertAddressResolution(context.db, { addressId: id, communeCode, resolvedBy: official, reason: trimmedReason })
    context.addressLoaders.resolutions.clear(id)
    return { ...address, register }
  }
}

/** The resolver of a register's `…MappingQuality` query. */
export function createMappingQualityResolver(register: RegisterName) {
  return async (_parent: unknown, _args: unknown, context: RegisterContext) => {
    const counts = await countAddressMappings(context.db)
    return { register, ...counts }
  }
}

function parseAddressId(register: RegisterName, addressId: string): number {
  const prefix = `${subgraphOfRegister(register)}:`
  const digits = addressId.startsWith(prefix) ? addressId.slice(prefix.length) : ''
  if (!/^\d{1,15}$/.test(digits)) {
    throw badInput(`addressId must be an Address.id of this register, such as "${prefix}1042"; got "${addressId}"`)
  }
  return Number(digits)
}

function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } })
}
