import { describe, expect, it } from 'vitest'
import { AN, testSlice } from './fixtures.js'
import { ingestSlice, useTestInsuranceSubgraph } from './test-setup.js'

const insurance = useTestInsuranceSubgraph('ingest')

describe('ingestInsuranceSlice', () => {
  it('when a chunk is ingested, then every table gets its rows and every residence one address row', async () => {
    const slice = testSlice()
    expect(insurance.ingested).toEqual({
      addresses: slice.socialInsurance.length,
      socialInsuranceRecords: slice.socialInsurance.length,
      participationPeriods: slice.socialInsurance.reduce((sum, record) => sum + record.periods.length, 0),
      healthInsuranceCards: slice.healthInsuranceCards.length,
    })
    const periods = await insurance.database.db
      .selectFrom('participation_period')
      .select(['position', 'employer_code', 'from_date', 'to_date', 'contribution_base_vnd', 'kind'])
      .where('social_insurance_number', '=', AN.socialInsuranceNumber)
      .orderBy('position')
      .execute()
    expect(periods).toEqual([
      { position: 0, employer_code: '0100109106', from_date: '2012-01-01', to_date: '2015-12-31', contribution_base_vnd: '5000000', kind: 'COMPULSORY' },
      { position: 1, employer_code: '0100233488-001', from_date: '2016-03-10', to_date: null, contribution_base_vnd: '12500000.5', kind: 'COMPULSORY' },
    ])
  })

  it('when a second chunk repeats an address text, then it still gets its own address row (never deduplicated), mapped at ingest', async () => {
    const twin = { ...AN, socialInsuranceNumber: '0100000099', personalId: '001090000099', periods: [] }
    const counts = await ingestSlice(insurance.database, { socialInsurance: [twin], healthInsuranceCards: [] })
    expect(counts).toEqual({ addresses: 1, socialInsuranceRecords: 1, participationPeriods: 0, healthInsuranceCards: 0 })
    const rows = await insurance.database.db
      .selectFrom('address')
      .select(['id', 'legacy_commune_code', 'commune_code', 'mapping_status'])
      .where('text', '=', AN.residence.text)
      .orderBy('id')
      .execute()
    expect(rows).toHaveLength(2)
    expect(rows[0]!.id).not.toBe(rows[1]!.id)
    expect(rows.map(({ commune_code, mapping_status }) => ({ commune_code, mapping_status }))).toEqual([
      { commune_code: '00097', mapping_status: 'EXACT' },
      { commune_code: '00097', mapping_status: 'EXACT' },
    ])
    const book = await insurance.database.db.selectFrom('social_insurance_record').selectAll().where('social_insurance_number', '=', '0100000099').executeTakeFirstOrThrow()
    expect(book.residence_address_id).toBe(rows[1]!.id)
  })
})
