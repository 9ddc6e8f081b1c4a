import { describe, expect, it } from 'vitest'
import { PEOPLE } from './fixtures.js'
import { dataOf, useTestCivilStatusSubgraph } from './test-setup.js'

const civilStatus = useTestCivilStatusSubgraph('discrepancies')

const DISCREPANCIES = /* GraphQL */ `
  query Discrepancies($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Citizen { civilStatusDiscrepancies { register recordType recordId field registerValue populationValue } }
    }
  }
`

interface Population {
  personalId: string
  fullName: string | null
  birthDate: string | null
  spouse: { personalId: string } | null
}

/** What population holds when it agrees with civil status everywhere. */
const AGREEING: Record<string, Population> = {
  an: { personalId: PEOPLE.an, fullName: 'Nguyễn Văn An', birthDate: '1990-03-15', spouse: { personalId: PEOPLE.binh } },
  binh: { personalId: PEOPLE.binh, fullName: 'Trần Thị Bình', birthDate: '1990-07-01', spouse: { personalId: PEOPLE.an } },
  cuong: { personalId: PEOPLE.cuong, fullName: 'Nguyễn Văn Cường', birthDate: '2022-05-01', spouse: null },
  dung: { personalId: PEOPLE.dung, fullName: 'Lê Văn Dũng', birthDate: '1985-02-02', spouse: null },
  phuong: { personalId: PEOPLE.phuong, fullName: 'Hoàng Thị Phương', birthDate: '1950-01-01', spouse: null },
  giang: { personalId: PEOPLE.giang, fullName: 'Vũ Văn Giang', birthDate: '1948-04-04', spouse: null },
  hung: { personalId: PEOPLE.hung, fullName: 'Đỗ Văn Hùng', birthDate: '1986-06-06', spouse: { personalId: PEOPLE.em } },
  ha: { personalId: PEOPLE.ha, fullName: 'Nguyễn Thị Hà', birthDate: '2025-08-01', spouse: null },
}

async function discrepanciesOf(...population: Population[]): Promise<unknown[][]> {
  const representations = population.map((citizen) => ({ __typename: 'Citizen', ...citizen }))
  const { _entities } = dataOf(
    await civilStatus.subgraph.execute<{ _entities: { civilStatusDiscrepancies: unknown[] }[] }>(DISCREPANCIES, { representations }),
  )
  return _entities.map((entity) => entity.civilStatusDiscrepancies)
}

const discrepancy = (recordType: string, recordId: string, field: string, registerValue: string | null, populationValue: string | null) => ({
  register: 'CIVIL_STATUS',
  recordType,
  recordId,
  field,
  registerValue,
  populationValue,
})

describe('Citizen.civilStatusDiscrepancies', () => {
  it('when population agrees with every record, then there are none', async () => {
    expect(await discrepanciesOf(...Object.values(AGREEING))).toEqual(Object.values(AGREEING).map(() => []))
  })

  it('when population writes the same name in decomposed Unicode (NFD), then it still agrees', async () => {
    expect(await discrepanciesOf({ ...AGREEING.an!, fullName: 'Nguyễn Văn An'.normalize('NFD') })).toEqual([[]])
  })

  it('when the birth register spells the name or dates the birth differently, then FULL_NAME and BIRTH_DATE name the birth registration', async () => {
    const [cuong] = await discrepanciesOf({ ...AGREEING.cuong!, fullName: 'Nguyễn Văn Cương', birthDate: '2022-05-02' })
    expect(cuong).toEqual([
      discrepancy('BirthRegistration', 'KS-2022-0001', 'FULL_NAME', 'Nguyễn Văn Cường', 'Nguyễn Văn Cương'),
      discrepancy('BirthRegistration', 'KS-2022-0001', 'BIRTH_DATE', '2022-05-01', '2022-05-02'),
    ])
  })

  it('when one marriage records the spouse\'s own name differently, then FULL_NAME names that marriage only', async () => {
    const [em] = await discrepanciesOf({ personalId: PEOPLE.em, fullName: 'Phạm Thị Em', birthDate: '1987-08-08', spouse: { personalId: PEOPLE.hung } })
    expect(em).toEqual([discrepancy('MarriageRegistration', 'KH-2010-0001', 'FULL_NAME', 'Phạm Thi Em', 'Phạm Thị Em')])
  })

  it('when population spells the deceased\'s name differently, then FULL_NAME names the death and the marriage recording it', async () => {
    const [giang] = await discrepanciesOf({ ...AGREEING.giang!, fullName: 'Vũ Văn Giàng' })
    expect(giang).toEqual([
      discrepancy('MarriageRegistration', 'KH-1970-0001', 'FULL_NAME', 'Vũ Văn Giang', 'Vũ Văn Giàng'),
      discrepancy('DeathRegistration', 'KT-2020-0001', 'FULL_NAME', 'Vũ Văn Giang', 'Vũ Văn Giàng'),
    ])
  })

  it('when population shows no spouse while a marriage is in force, then SPOUSE names the marriage in force', async () => {
    const [an] = await discrepanciesOf({ ...AGREEING.an!, spouse: null })
    expect(an).toEqual([discrepancy('MarriageRegistration', 'KH-2015-0001', 'SPOUSE', PEOPLE.binh, null)])
  })

  it('when population shows another person as spouse, then SPOUSE gives both personal ids', async () => {
    const [an] = await discrepanciesOf({ ...AGREEING.an!, spouse: { personalId: PEOPLE.hung } })
    expect(an).toEqual([discrepancy('MarriageRegistration', 'KH-2015-0001', 'SPOUSE', PEOPLE.binh, PEOPLE.hung)])
  })

  it('when population shows a spouse after a divorce, then SPOUSE names the latest (dissolved) marriage', async () => {
    const [dung] = await discrepanciesOf({ ...AGREEING.dung!, spouse: { personalId: PEOPLE.em } })
    expect(dung).toEqual([discrepancy('MarriageRegistration', 'KH-2010-0001', 'SPOUSE', null, PEOPLE.em)])
  })

  it('when population shows a spouse for someone never married here, then SPOUSE names the citizen', async () => {
    const [cuong] = await discrepanciesOf({ ...AGREEING.cuong!, spouse: { personalId: PEOPLE.ha } })
    expect(cuong).toEqual([discrepancy('Citizen', PEOPLE.cuong, 'SPOUSE', null, PEOPLE.ha)])
  })

  it('when the population register does not know the citizen, then there are none', async () => {
    expect(await discrepanciesOf({ personalId: PEOPLE.cuong, fullName: null, birthDate: null, spouse: null })).toEqual([[]])
  })
})
