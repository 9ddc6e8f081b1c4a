import { describe, expect, it } from 'vitest'
import { ENTERPRISE, HUSBAND, SAMPLE_SLICE, STRANGER, WIFE } from './fixtures.js'
import { dataOf, useTestLandSubgraph } from './test-setup.js'

const CITIZEN_LAND_RIGHTS = /* GraphQL */ `
  query($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on Citizen { personalId landRights { share holderName parcel { id holders { citizen { personalId } share } } } }
      ... on Enterprise { enterpriseCode landRights { share holderName parcel { id areaM2 encumbrances { kind active } } } }
    }
  }
`

const DISCREPANCIES = /* GraphQL */ `
  query($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on Citizen { personalId landDiscrepancies { register recordType recordId field registerValue populationValue } }
    }
  }
`

describe('Citizen.landRights and Enterprise.landRights', () => {
  const context = useTestLandSubgraph('land_rights', SAMPLE_SLICE)

  it('When the gateway asks for citizens and an enterprise, Then each gets the parcels it holds with its share', async () => {
    const data = dataOf(
      await context.subgraph.execute(CITIZEN_LAND_RIGHTS, {
        r: [
          { __typename: 'Citizen', personalId: HUSBAND.personalId },
          { __typename: 'Citizen', personalId: WIFE.personalId },
          { __typename: 'Citizen', personalId: STRANGER.personalId },
          { __typename: 'Enterprise', enterpriseCode: ENTERPRISE.enterpriseCode },
        ],
      }),
    )
    const spouses = [
      { citizen: { personalId: HUSBAND.personalId }, share: 0.5 },
      { citizen: { personalId: WIFE.personalId }, share: 0.5 },
    ]
    expect(data._entities).toEqual([
      {
        personalId: HUSBAND.personalId,
        landRights: [{ share: 0.5, holderName: HUSBAND.fullName.normalize('NFD'), parcel: { id: '00001-12-345', holders: spouses } }],
      },
      {
        personalId: WIFE.personalId,
        landRights: [
          { share: 0.5, holderName: WIFE.fullName, parcel: { id: '00001-12-345', holders: spouses } },
          { share: 1, holderName: 'Lê Thi Hoa', parcel: { id: '00160-12-345', holders: [{ citizen: { personalId: WIFE.personalId }, share: 1 }] } },
        ],
      },
      { personalId: STRANGER.personalId, landRights: [] },
      {
        enterpriseCode: ENTERPRISE.enterpriseCode,
        landRights: [{ share: 1, holderName: ENTERPRISE.name, parcel: { id: '00007-3-78', areaM2: 2400, encumbrances: [{ kind: 'LEASE', active: true }] } }],
      },
    ])
  })

  it('When an enterprise holds no parcel, Then its land rights are empty', async () => {
    const data = dataOf(await context.subgraph.execute(CITIZEN_LAND_RIGHTS, { r: [{ __typename: 'Enterprise', enterpriseCode: '0100233488' }] }))
    expect(data._entities).toEqual([{ enterpriseCode: '0100233488', landRights: [] }])
  })
})

describe('Citizen.landDiscrepancies', () => {
  const context = useTestLandSubgraph('land_discrepancies', SAMPLE_SLICE)

  it('When a holder name differs from the population full name, Then one FULL_NAME discrepancy names the parcel', async () => {
    const data = dataOf(await context.subgraph.execute(DISCREPANCIES, { r: [{ __typename: 'Citizen', ...WIFE }] }))
    expect(data._entities).toEqual([
      {
        personalId: WIFE.personalId,
        landDiscrepancies: [
          {
            register: 'LAND',
            recordType: 'LandParcel',
            recordId: '00160-12-345',
            field: 'FULL_NAME',
            registerValue: 'Lê Thi Hoa',
            populationValue: WIFE.fullName,
          },
        ],
      },
    ])
  })

  it('When the names agree (the land register wrote it decomposed, NFD), Then there is no discrepancy', async () => {
    const data = dataOf(await context.subgraph.execute(DISCREPANCIES, { r: [{ __typename: 'Citizen', ...HUSBAND }] }))
    expect(data._entities).toEqual([{ personalId: HUSBAND.personalId, landDiscrepancies: [] }])
  })

  it('When population does not know the citizen (fullName null), Then nothing is invented', async () => {
    const data = dataOf(await context.subgraph.execute(DISCREPANCIES, { r: [{ __typename: 'Citizen', personalId: WIFE.personalId, fullName: null }] }))
    expect(data._entities).toEqual([{ personalId: WIFE.personalId, landDiscrepancies: [] }])
  })

  it('When the citizen holds no parcel, Then there is no discrepancy', async () => {
    const data = dataOf(await context.subgraph.execute(DISCREPANCIES, { r: [{ __typename: 'Citizen', ...STRANGER }] }))
    expect(data._entities).toEqual([{ personalId: STRANGER.personalId, landDiscrepancies: [] }])
  })
})
