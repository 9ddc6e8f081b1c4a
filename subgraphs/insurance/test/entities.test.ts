import { describe, expect, it } from 'vitest'
import { BULK_EMPLOYEES, bulkPersonalId } from './fixtures.js'
import { dataOf, expectUpdatedAt, useTestInsuranceSubgraph } from './test-setup.js'

const startedAt = new Date()
const insurance = useTestInsuranceSubgraph('entities')

const CITIZENS = /* GraphQL */ `
  query Citizens($representations: [_Any!]!) {
    _entities(representations: $representations) {
      __typename
      ... on Citizen {
        personalId
        socialInsurance {
          socialInsuranceNumber
          residence { id text mappingStatus commune { code } candidates { commune { code } whole primary } resolutions { reason } }
          periods { employer { enterpriseCode } from to months }
          contributionMonths
          currentlyParticipating
          updatedAt
        }
        healthInsuranceCards { cardNumber valid benefitPercent updatedAt }
      }
    }
  }
`

type Citizen = {
  __typename: string
  personalId: string
  socialInsurance: { socialInsuranceNumber: string; periods: unknown[]; contributionMonths: number; updatedAt: unknown } | null
  healthInsuranceCards: { cardNumber: string; valid: boolean; updatedAt: unknown }[]
}

describe('_entities Citizen', () => {
  it('when the gateway sends citizens, then each gets its book and its cards newest first, in representation order', async () => {
    const representations = ['001090000001', '001225000004', '001999999999'].map((personalId) => ({ __typename: 'Citizen', personalId }))
    const { _entities } = dataOf(await insurance.subgraph.execute<{ _entities: Citizen[] }>(CITIZENS, { representations }))
    expect(_entities.map((citizen) => citizen.personalId)).toEqual(['001090000001', '001225000004', '001999999999'])

    const [an, child, unknown] = _entities
    expect(an?.socialInsurance).toMatchObject({ socialInsuranceNumber: '0100000001', contributionMonths: 176, currentlyParticipating: true })
    expect(an?.socialInsurance?.periods).toEqual([
      { employer: { enterpriseCode: '0100109106' }, from: '2012-01-01', to: '2015-12-31', months: 48 },
      { employer: { enterpriseCode: '0100233488-001' }, from: '2016-03-10', to: null, months: 128 },
    ])
    expectUpdatedAt(an?.socialInsurance?.updatedAt, startedAt)
    an?.healthInsuranceCards.forEach((card) => expectUpdatedAt(card.updatedAt, startedAt))
    expect(an?.healthInsuranceCards).toMatchObject([
      { cardNumber: 'DN4010100000001', valid: true, benefitPercent: 80 },
      { cardNumber: 'HC4010100000001', valid: false, benefitPercent: 80 },
    ])
    // A child's card without a social insurance book.
    expect(child).toMatchObject({ socialInsurance: null, healthInsuranceCards: [{ cardNumber: 'TE1010100000004', valid: true, benefitPercent: 100 }] })
    // Unknown to this register: still a Citizen, with nothing to add.
    expect(unknown).toEqual({ __typename: 'Citizen', personalId: '001999999999', socialInsurance: null, healthInsuranceCards: [] })
  })

  it('when 2 or 20 citizens are asked with books, periods, employers, residences and cards, then the number of statements is the same', async () => {
    const statementsFor = async (count: number) => {
      const representations = Array.from({ length: count }, (_, n) => ({ __typename: 'Citizen', personalId: bulkPersonalId(n) }))
      insurance.database.statements.length = 0
      const { _entities } = dataOf(await insurance.subgraph.execute<{ _entities: Citizen[] }>(CITIZENS, { representations }))
      expect(_entities).toHaveLength(count)
      for (const citizen of _entities) {
        expect(citizen.socialInsurance?.periods).toHaveLength(2)
        expect(citizen.healthInsuranceCards).toHaveLength(1)
        // updatedAt comes with the rows already loaded: no statement of its own.
        for (const updatedAt of [citizen.socialInsurance?.updatedAt, citizen.healthInsuranceCards[0]!.updatedAt]) expectUpdatedAt(updatedAt, startedAt)
      }
      return insurance.database.statements.map((statement) => statement.sql)
    }
    const forTwo = await statementsFor(2)
    const forTwenty = await statementsFor(BULK_EMPLOYEES)
    expect(forTwenty).toHaveLength(forTwo.length)
    // books, cards, periods, addresses, crosswalk, resolutions
    expect(forTwo.length).toBeLessThanOrEqual(6)
  })
})

describe('_entities SocialInsuranceRecord and HealthInsuranceCard', () => {
  it('when the gateway sends book and card keys, then each resolves, unknown or malformed keys to null', async () => {
    const representations = [
      { __typename: 'SocialInsuranceRecord', socialInsuranceNumber: '0100000002' },
      { __typename: 'HealthInsuranceCard', cardNumber: 'CN3010100000002' },
      { __typename: 'SocialInsuranceRecord', socialInsuranceNumber: '9999999999' },
      { __typename: 'HealthInsuranceCard', cardNumber: 'not-a-card' },
    ]
    const query = /* GraphQL */ `
      query($representations: [_Any!]!) {
        _entities(representations: $representations) {
          ... on SocialInsuranceRecord { socialInsuranceNumber fullName }
          ... on HealthInsuranceCard { cardNumber beneficiaryGroup }
        }
      }
    `
    const { _entities } = dataOf(await insurance.subgraph.execute<{ _entities: unknown[] }>(query, { representations }))
    expect(_entities).toEqual([
      { socialInsuranceNumber: '0100000002', fullName: 'Trần Thị Bình' },
      { cardNumber: 'CN3010100000002', beneficiaryGroup: 'CN' },
      null,
      null,
    ])
  })
})
