import { describe, expect, it } from 'vitest'
import { AN, BINH, BRANCH_A, CUONG, ENTERPRISE_A, ENTERPRISE_B, HOUSEHOLD_AN, HOUSEHOLD_CUONG, businessSlice, population } from './fixtures.js'
import { dataOf, useTestBusinessSubgraph } from './test-setup.js'

const subgraph = useTestBusinessSubgraph('citizens', businessSlice)

const CITIZEN_ROLES = /* GraphQL */ `
  query($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on Citizen {
        personalId
        enterprises { role title capitalShare enterprise { enterpriseCode legalForm } }
        householdBusinesses { registrationNumber ownerName }
      }
    }
  }
`

const DISCREPANCIES = /* GraphQL */ `
  query($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on Citizen { personalId businessDiscrepancies { register recordType recordId field registerValue populationValue } }
    }
  }
`

const citizen = (personalId: string, populationData: object = {}) => ({ __typename: 'Citizen', personalId, ...populationData })

describe('Citizen.enterprises and Citizen.householdBusinesses', () => {
  it('When citizens are resolved by reference, Then each gets their roles by enterprise (representative before owner) and their household businesses', async () => {
    const result = await subgraph.execute(CITIZEN_ROLES, { r: [citizen(AN), citizen(CUONG), citizen('001099999999')] })
    expect(dataOf(result)._entities).toEqual([
      {
        personalId: AN,
        enterprises: [
          { role: 'LEGAL_REPRESENTATIVE', title: 'Giám đốc', capitalShare: null, enterprise: { enterpriseCode: ENTERPRISE_A, legalForm: 'TNHH_MULTI_MEMBER' } },
          { role: 'OWNER', title: null, capitalShare: 0.6, enterprise: { enterpriseCode: ENTERPRISE_A, legalForm: 'TNHH_MULTI_MEMBER' } },
          { role: 'LEGAL_REPRESENTATIVE', title: 'Trưởng chi nhánh', capitalShare: null, enterprise: { enterpriseCode: BRANCH_A, legalForm: 'BRANCH' } },
        ],
        householdBusinesses: [{ registrationNumber: HOUSEHOLD_AN, ownerName: 'Nguyễn Văn An' }],
      },
      {
        personalId: CUONG,
        enterprises: [
          { role: 'LEGAL_REPRESENTATIVE', title: 'Tổng giám đốc', capitalShare: null, enterprise: { enterpriseCode: ENTERPRISE_B, legalForm: 'JOINT_STOCK' } },
          { role: 'OWNER', title: null, capitalShare: 0.3, enterprise: { enterpriseCode: ENTERPRISE_B, legalForm: 'JOINT_STOCK' } },
        ],
        householdBusinesses: [{ registrationNumber: HOUSEHOLD_CUONG, ownerName: 'Lê Văn Cương' }],
      },
      // Unknown to the business register: empty lists, not an error.
      { personalId: '001099999999', enterprises: [], householdBusinesses: [] },
    ])
  })
})

describe('Citizen.businessDiscrepancies', () => {
  it('When the business register agrees with population (a name in another Unicode form included), Then there are none', async () => {
    const result = await subgraph.execute(DISCREPANCIES, { r: [citizen(AN, population[AN]), citizen(BINH, population[BINH])] })
    expect(dataOf(result)._entities).toEqual([
      { personalId: AN, businessDiscrepancies: [] },
      { personalId: BINH, businessDiscrepancies: [] },
    ])
  })

  it('When a household-business record differs in name, birth date and residence, Then each field is one discrepancy; the agreeing representative record and the owner name give none', async () => {
    const result = await subgraph.execute(DISCREPANCIES, { r: [citizen(CUONG, population[CUONG])] })
    expect(dataOf(result)._entities).toEqual([
      {
        personalId: CUONG,
        businessDiscrepancies: [
          { register: 'BUSINESS', recordType: 'HouseholdBusiness', recordId: HOUSEHOLD_CUONG, field: 'FULL_NAME', registerValue: 'Lê Văn Cương', populationValue: 'Lê Văn Cường' },
          { register: 'BUSINESS', recordType: 'HouseholdBusiness', recordId: HOUSEHOLD_CUONG, field: 'BIRTH_DATE', registerValue: '1985-01-10', populationValue: '1985-01-01' },
          { register: 'BUSINESS', recordType: 'HouseholdBusiness', recordId: HOUSEHOLD_CUONG, field: 'RESIDENCE', registerValue: '00001', populationValue: '00004' },
        ],
      },
    ])
  })

  it('When population differs from every record of a legal representative, Then each LegalRepresentative record is named by <enterpriseCode>/<personalId>', async () => {
    const moved = { fullName: 'Nguyễn Văn Ân', birthDate: '1990-03-16', permanentResidence: { legacyCommune: { code: '00004' } } }
    const result = await subgraph.execute(DISCREPANCIES, { r: [citizen(AN, moved)] })
    const discrepancies = dataOf(result)._entities[0].businessDiscrepancies as { recordType: string; recordId: string; field: string }[]
    expect(discrepancies.map(({ recordType, recordId, field }) => `${recordType} ${recordId} ${field}`)).toEqual([
      `LegalRepresentative ${ENTERPRISE_A}/${AN} FULL_NAME`,
      `LegalRepresentative ${ENTERPRISE_A}/${AN} BIRTH_DATE`,
      `LegalRepresentative ${ENTERPRISE_A}/${AN} RESIDENCE`,
      `LegalRepresentative ${BRANCH_A}/${AN} FULL_NAME`,
      `LegalRepresentative ${BRANCH_A}/${AN} BIRTH_DATE`,
      `LegalRepresentative ${BRANCH_A}/${AN} RESIDENCE`,
      `HouseholdBusiness ${HOUSEHOLD_AN} FULL_NAME`,
      `HouseholdBusiness ${HOUSEHOLD_AN} BIRTH_DATE`,
      `HouseholdBusiness ${HOUSEHOLD_AN} RESIDENCE`,
    ])
  })

  it('When population does not know the citizen (its required fields are null) or the register has no record, Then there are none', async () => {
    const unknown = { fullName: null, birthDate: null, permanentResidence: null }
    const result = await subgraph.execute(DISCREPANCIES, { r: [citizen(CUONG, unknown), citizen('001099999999', population[BINH])] })
    expect(dataOf(result)._entities).toEqual([
      { personalId: CUONG, businessDiscrepancies: [] },
      { personalId: '001099999999', businessDiscrepancies: [] },
    ])
  })
})
