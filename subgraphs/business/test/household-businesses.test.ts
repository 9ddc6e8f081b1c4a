import { describe, expect, it } from 'vitest'
import { AN, BINH, HOUSEHOLD_AN, HOUSEHOLD_BINH, TEXT, businessSlice } from './fixtures.js'
import { dataOf, errorCodesOf, expectUpdatedAt, useTestBusinessSubgraph } from './test-setup.js'

// Before the test database exists: every record's updatedAt must come after it.
const startedAt = new Date()
const subgraph = useTestBusinessSubgraph('household_businesses', businessSlice)

const HOUSEHOLD_FIELDS = /* GraphQL */ `
  registrationNumber name owner { personalId } ownerName ownerBirthDate
  ownerResidence { text legacyCommune { code } commune { code } mappingStatus }
  address { text legacyCommune { code } commune { code } mappingStatus }
  registeredOn authority { name legacyUnit { code } commune { code } } capitalVnd
  businessLines { vsicCode name isMain } status
  updatedAt
`

describe('Query.householdBusiness', () => {
  it('When a household business registered by a legacy district is asked for, Then every field is as registered', async () => {
    const result = await subgraph.execute(`query($n: ID!) { householdBusiness(registrationNumber: $n) { ${HOUSEHOLD_FIELDS} } }`, { n: HOUSEHOLD_AN })
    const { updatedAt } = dataOf(result).householdBusiness
    expectUpdatedAt(updatedAt, startedAt)
    expect(dataOf(result).householdBusiness).toEqual({
      registrationNumber: HOUSEHOLD_AN,
      name: 'Hộ kinh doanh Tạp hóa An Phát',
      owner: { personalId: AN },
      ownerName: 'Nguyễn Văn An',
      ownerBirthDate: '1990-03-15',
      ownerResidence: { text: TEXT.anResidence, legacyCommune: { code: '00001' }, commune: { code: '00097' }, mappingStatus: 'EXACT' },
      address: { text: TEXT.householdAn, legacyCommune: { code: '00004' }, commune: { code: '00004' }, mappingStatus: 'EXACT' },
      registeredOn: '2016-09-12',
      authority: { name: 'UBND Quận Ba Đình', legacyUnit: { code: '001' }, commune: null },
      capitalVnd: 50_000_000,
      businessLines: [
        { vsicCode: '4711', name: 'Bán lẻ lương thực, thực phẩm, đồ uống, thuốc lá, thuốc lào trong các cửa hàng kinh doanh tổng hợp', isMain: true },
        { vsicCode: '4722', name: 'Bán lẻ thực phẩm trong các cửa hàng chuyên doanh', isMain: false },
      ],
      status: 'OPERATING',
      updatedAt,
    })
  })

  it('When one was registered by a 2025 commune, Then the authority is that commune and an unknown legacy code maps NOT_FOUND', async () => {
    const result = await subgraph.execute(`query($n: ID!) { householdBusiness(registrationNumber: $n) { ${HOUSEHOLD_FIELDS} } }`, { n: HOUSEHOLD_BINH })
    expect(dataOf(result).householdBusiness).toMatchObject({
      owner: { personalId: BINH },
      ownerResidence: { legacyCommune: { code: '00007' }, commune: null, mappingStatus: 'SPLIT_NEEDS_REVIEW' },
      address: { text: TEXT.householdBinh, legacyCommune: { code: '99999' }, commune: null, mappingStatus: 'NOT_FOUND' },
      registeredOn: '2025-08-01',
      authority: { name: 'UBND Phường Ngọc Hà', legacyUnit: null, commune: { code: '00008' } },
      capitalVnd: 30_000_000,
      status: 'SUSPENDED',
    })
  })

  it('When the number is not registered, Then the answer is null', async () => {
    expect(dataOf(await subgraph.execute('{ householdBusiness(registrationNumber: "01A9999999") { name } }'))).toEqual({ householdBusiness: null })
  })

  it('When the number is not a certificate number, Then it is rejected with BAD_USER_INPUT', async () => {
    for (const number of ['', ' 01A8012345', "01A'; DROP TABLE x", 'x'.repeat(51)]) {
      const result = await subgraph.execute('query($n: ID!) { householdBusiness(registrationNumber: $n) { name } }', { n: number })
      expect(errorCodesOf(result)).toEqual(['BAD_USER_INPUT'])
    }
  })

  it('When the gateway resolves household-business references, Then each comes back in order', async () => {
    const result = await subgraph.execute('query($r: [_Any!]!) { _entities(representations: $r) { ... on HouseholdBusiness { registrationNumber status } } }', {
      r: [
        { __typename: 'HouseholdBusiness', registrationNumber: HOUSEHOLD_BINH },
        { __typename: 'HouseholdBusiness', registrationNumber: HOUSEHOLD_AN },
      ],
    })
    expect(dataOf(result)._entities).toEqual([
      { registrationNumber: HOUSEHOLD_BINH, status: 'SUSPENDED' },
      { registrationNumber: HOUSEHOLD_AN, status: 'OPERATING' },
    ])
  })
})
