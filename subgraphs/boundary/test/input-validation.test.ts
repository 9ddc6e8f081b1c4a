import { describe, expect, it } from 'vitest'
import { dataOf, useTestBoundarySubgraph } from './test-setup.js'

const boundary = useTestBoundarySubgraph('input_validation')

const PROVINCE = 'query Province($code: AdministrativeUnitCode!) { province(code: $code) { code } }'
const LENGTHS = 'AdministrativeUnitCode must be 2 digits (a province) or 5 digits (a commune), written as a string such as "79" or "26740"'
const NUMBER = 'AdministrativeUnitCode must be a string such as "79" or "26740", not a number: a number loses the code\'s leading zeros'

describe('code scalars at the edge', () => {
  it.each([
    ['"7"', '7', LENGTHS],
    ['"abcde"', 'abcde', LENGTHS],
    ['79 as a number', 79, NUMBER],
  ])('when a variable holds %s, then BAD_USER_INPUT carries the scalar’s message', async (_label, code, message) => {
    const result = await boundary.subgraph.execute(PROVINCE, { code })
    expect(result.data).toBeUndefined()
    expect(result.errors).toHaveLength(1)
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
    expect(result.errors?.[0]?.message).toContain(message)
  })

  it.each([
    ['"7"', LENGTHS],
    ['"abcde"', LENGTHS],
    ['79', NUMBER],
  ])('when the document writes code: %s inline, then BAD_USER_INPUT carries the scalar’s message', async (literal, message) => {
    const result = await boundary.subgraph.execute(`{ province(code: ${literal}) { code } }`)
    expect(result.errors).toHaveLength(1)
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
    expect(result.errors?.[0]?.message).toBe(message)
  })

  it('when a legacy code has 4 digits, then BAD_USER_INPUT names the three legacy lengths', async () => {
    const result = await boundary.subgraph.execute('{ legacyDistrict(code: "7600") { code } }')
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
    expect(result.errors?.[0]?.message).toContain('2 digits (a province), 3 digits (a district) or 5 digits (a commune)')
  })

  it('when legacyDistrict() gets a 5-digit code, then BAD_USER_INPUT says a legacy district code has 3 digits', async () => {
    const result = await boundary.subgraph.execute('{ legacyDistrict(code: "26740") { code } }')
    expect(result.errors?.[0]?.message).toBe('a legacy district code has 3 digits')
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
  })
})

describe('address conversion limits and mapping', () => {
  const CONVERT_MANY = /* GraphQL */ `
    query Convert($addresses: [String!]!) { convertLegacyAddresses(addresses: $addresses) { input status candidates { relation } } }
  `

  it('when 1,001 addresses are sent at once, then BAD_USER_INPUT asks to split the list', async () => {
    const result = await boundary.subgraph.execute(CONVERT_MANY, { addresses: Array.from({ length: 1_001 }, () => 'Phường Bến Nghé, Quận 1') })
    expect(result.errors?.[0]?.message).toBe('addresses must hold at most 1000 addresses per call; split the list')
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
  })

  it('when 1,000 addresses include blank ones, then each gets a result and the blank ones are NOT_FOUND', async () => {
    const addresses = Array.from({ length: 1_000 }, (_, index) => (index % 2 === 0 ? '   ' : ''))
    const { convertLegacyAddresses } = dataOf(
      await boundary.subgraph.execute<{ convertLegacyAddresses: { input: string; status: string; candidates: unknown[] }[] }>(CONVERT_MANY, { addresses }),
    )
    expect(convertLegacyAddresses).toHaveLength(1_000)
    expect(convertLegacyAddresses.every((result, index) => result.status === 'NOT_FOUND' && result.input === addresses[index])).toBe(true)
  })

  it('when an address names a legacy commune that went wholly into one commune, then the entities and convertedAddress are filled', async () => {
    const { convertLegacyAddress } = dataOf(
      await boundary.subgraph.execute<{ convertLegacyAddress: Record<string, unknown> }>(/* GraphQL */ `{
        convertLegacyAddress(address: "12 Lê Lợi, Phường Bến Nghé, Quận 1, Thành phố Hồ Chí Minh") {
          status commune { code name } province { code } legacyCommune { code name } candidates { relation } street convertedAddress
        }
      }`),
    )
    expect(convertLegacyAddress).toEqual({
      status: 'EXACT',
      commune: { code: '26740', name: 'Phường Sài Gòn' },
      province: { code: '79' },
      legacyCommune: { code: '26740', name: 'Phường Bến Nghé' },
      candidates: [{ relation: 'WHOLE' }],
      street: '12 Lê Lợi',
      convertedAddress: '12 Lê Lợi, Phường Sài Gòn, Thành phố Hồ Chí Minh',
    })
  })

  it('when an address names a split legacy commune, then the candidates resolve to both destinations and no commune is chosen', async () => {
    const { convertLegacyAddress } = dataOf(
      await boundary.subgraph.execute<{ convertLegacyAddress: Record<string, unknown> }>(/* GraphQL */ `{
        convertLegacyAddress(address: "Phường Đa Kao, Quận 1, Thành phố Hồ Chí Minh") {
          status commune { code } convertedAddress
          candidates { commune { code } legacyCommune { code } relation isPrimary }
        }
      }`),
    )
    expect(convertLegacyAddress).toEqual({
      status: 'SPLIT_NEEDS_REVIEW',
      commune: null,
      convertedAddress: null,
      candidates: [
        { commune: { code: '26737' }, legacyCommune: { code: '26737' }, relation: 'PART', isPrimary: true },
        { commune: { code: '26740' }, legacyCommune: { code: '26737' }, relation: 'PART', isPrimary: false },
      ],
    })
  })
})
