import type { BusinessSlice, EnterpriseRecord, HouseholdBusinessRecord } from '@lienthong/lib/registers'
import { calculateEnterpriseCodeCheckDigit } from '@lienthong/schema'
import { describe, expect, it } from 'vitest'
import { address } from './fixtures.js'
import { dataOf, expectUpdatedAt, useTestBusinessSubgraph } from './test-setup.js'

const startedAt = new Date()

const CITIZENS = 20

/** Valid enterprise codes 0102000NN·c with their check digit c (none when it would be 10). */
function enterpriseCodes(count: number): string[] {
  const codes: string[] = []
  for (let n = 0; codes.length < count; n++) {
    const prefix = `0102000${String(n).padStart(2, '0')}`
    const checkDigit = calculateEnterpriseCodeCheckDigit(prefix)
    if (checkDigit !== undefined) codes.push(`${prefix}${checkDigit}`)
  }
  return codes
}

const personalIds = Array.from({ length: CITIZENS }, (_, i) => `0010900001${String(i).padStart(2, '0')}`)
const codes = enterpriseCodes(CITIZENS)

// Each citizen represents and half-owns one enterprise (the other half owned by its pair's
// enterprise, so any even-sized prefix of citizens is closed), heads its branch and owns a household business.
const enterprises: EnterpriseRecord[] = personalIds.flatMap((personalId, i) => {
  const code = codes[i]!
  const residence = address(i % 2 === 0 ? '00001' : '00007', `Số ${i + 1} phố Phúc Xá, Hà Nội`)
  const representative = { personalId, name: `Người Thử ${i}`, birthDate: '1990-01-01', title: 'Giám đốc', residence }
  return [
    {
      enterpriseCode: code,
      parentCode: null,
      vietnameseName: `Công ty TNHH Thử nghiệm ${i}`,
      foreignName: null,
      shortName: null,
      legalForm: 'TNHH_MULTI_MEMBER',
      status: 'OPERATING',
      registeredOn: '2020-01-01',
      charterCapitalVnd: 1_000_000_000,
      headOffice: address('00004', `Số ${i + 1} phố Trúc Bạch, Hà Nội`),
      representatives: [representative],
      owners: [
        { kind: 'CITIZEN', ownerId: personalId, name: `Người Thử ${i}`, capitalShare: 0.5 },
        { kind: 'ENTERPRISE', ownerId: codes[i ^ 1]!, name: 'Công ty góp vốn', capitalShare: 0.5 },
      ],
      businessLines: [
        { vsicCode: '4669', name: 'Bán buôn', isMain: false },
        { vsicCode: '4610', name: 'Đại lý', isMain: true },
      ],
    },
    {
      enterpriseCode: `${code}-001`,
      parentCode: code,
      vietnameseName: `Chi nhánh ${i}`,
      foreignName: null,
      shortName: null,
      legalForm: 'BRANCH',
      status: 'OPERATING',
      registeredOn: '2021-01-01',
      charterCapitalVnd: 0,
      headOffice: address(null, `Chi nhánh ${i}, Hà Nội`),
      representatives: [{ ...representative, title: 'Trưởng chi nhánh' }],
      owners: [],
      businessLines: [{ vsicCode: '4610', name: 'Đại lý', isMain: true }],
    },
  ]
})

const householdBusinesses: HouseholdBusinessRecord[] = personalIds.map((personalId, i) => ({
  registrationNumber: `01T80000${String(i).padStart(2, '0')}`,
  name: `Hộ kinh doanh Thử ${i}`,
  ownerId: personalId,
  ownerName: `Người Thử ${i}`,
  ownerBirthDate: '1990-01-01',
  ownerResidence: address('00001', `Số ${i + 1} phố Phúc Xá, Hà Nội`),
  address: address('00006', `Ki-ốt ${i}, chợ Vĩnh Phúc, Hà Nội`),
  registeredOn: '2018-01-01',
  authority: { name: 'UBND Quận Ba Đình', legacyUnitCode: '001', communeCode: null },
  capitalVnd: 20_000_000,
  businessLines: [{ vsicCode: '4711', name: 'Bán lẻ', isMain: true }],
  status: 'OPERATING',
}))

const slice: BusinessSlice = { enterprises, householdBusinesses }
// One connection: statements are answered in the order issued, so the count does not depend on
// which response arrives first (a batch whose keys were all loaded by another path costs nothing).
const subgraph = useTestBusinessSubgraph('batching', slice, { maxConnections: 1 })

const ADDRESS = 'id text legacyCommune { code } commune { code } mappingStatus candidates { commune { code } primary } resolutions { reason }'
const CITIZENS_QUERY = /* GraphQL */ `
  query($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on Citizen {
        personalId
        enterprises {
          role title capitalShare
          enterprise {
            enterpriseCode vietnameseName legalForm charterCapitalVnd updatedAt
            headOffice { ${ADDRESS} }
            representatives { name title citizen { personalId } residence { ${ADDRESS} } }
            owners { kind name capitalShare citizen { personalId } enterprise { enterpriseCode vietnameseName headOffice { text } } }
            businessLines { vsicCode name isMain }
            parent { enterpriseCode vietnameseName }
            branches { enterpriseCode headOffice { ${ADDRESS} } representatives { name } }
          }
        }
        householdBusinesses {
          registrationNumber name ownerName updatedAt
          ownerResidence { ${ADDRESS} }
          address { ${ADDRESS} }
          authority { name legacyUnit { code } }
          businessLines { vsicCode isMain }
        }
        businessDiscrepancies { recordType recordId field }
      }
    }
  }
`

async function statementsFor(count: number): Promise<{ statements: number; entities: { personalId: string; enterprises: { enterprise: { updatedAt: unknown } }[]; householdBusinesses: { updatedAt: unknown }[]; businessDiscrepancies: unknown[] }[] }> {
  const representations = personalIds.slice(0, count).map((personalId, i) => ({
    __typename: 'Citizen',
    personalId,
    fullName: `Người Thử ${i}`,
    birthDate: '1990-01-01',
    permanentResidence: { legacyCommune: { code: '00001' } },
  }))
  subgraph.statements.length = 0
  const result = await subgraph.execute(CITIZENS_QUERY, { r: representations })
  const statements = subgraph.statements.length
  return { statements, entities: dataOf(result)._entities }
}

describe('batching', () => {
  it('When 2 or 20 citizens are resolved with their enterprises and household businesses, Then the number of SQL statements is the same', async () => {
    const two = await statementsFor(2)
    const twenty = await statementsFor(CITIZENS)

    expect(two.entities).toHaveLength(2)
    expect(twenty.entities).toHaveLength(CITIZENS)
    for (const citizen of twenty.entities) {
      // Representative of the enterprise and its branch, owner of the enterprise.
      expect(citizen.enterprises).toHaveLength(3)
      expect(citizen.householdBusinesses).toHaveLength(1)
      // updatedAt comes with the rows already loaded: no statement of its own.
      for (const updatedAt of [...citizen.enterprises.map((role) => role.enterprise.updatedAt), citizen.householdBusinesses[0]!.updatedAt]) expectUpdatedAt(updatedAt, startedAt)
    }
    // Odd citizens' representative records carry 00007, not their 00001: one RESIDENCE discrepancy per record.
    expect(twenty.entities.map((citizen) => citizen.businessDiscrepancies.length)).toEqual(personalIds.map((_, i) => (i % 2 === 0 ? 0 : 2)))

    expect(two.statements).toBeGreaterThan(0)
    expect(twenty.statements).toBe(two.statements)
  })
})
