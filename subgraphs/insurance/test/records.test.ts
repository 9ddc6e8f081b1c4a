import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { dataOf, errorCodesOf, expectUpdatedAt, useTestInsuranceSubgraph } from './test-setup.js'

// Before the test database exists: every record's updatedAt must come after it.
const startedAt = new Date()
const insurance = useTestInsuranceSubgraph('records')

const RECORD = /* GraphQL */ `
  query Record($number: SocialInsuranceNumber!) {
    socialInsuranceRecord(socialInsuranceNumber: $number) {
      socialInsuranceNumber
      citizen { personalId }
      fullName
      birthDate
      sex
      residence { text legacyCommune { code } commune { code } mappingStatus }
      periods { employer { enterpriseCode } employerCode from to contributionBaseVnd kind months }
      contributionMonths
      currentlyParticipating
      updatedAt
    }
  }
`

const CARD = /* GraphQL */ `
  query Card($number: HealthInsuranceCardNumber!) {
    healthInsuranceCard(cardNumber: $number) {
      cardNumber
      socialInsuranceNumber
      citizen { personalId }
      beneficiaryGroup
      beneficiaryGroupName
      benefitLevel
      benefitPercent
      provinceCode
      primaryCareFacility { code name }
      validFrom
      validTo
      valid
      updatedAt
    }
  }
`

describe('socialInsuranceRecord', () => {
  it('when a book has a closed and an open period, then each counts its whole months (the open one up to today) and the book sums them', async () => {
    const { socialInsuranceRecord } = dataOf(await insurance.subgraph.execute(RECORD, { number: '0100000001' }))
    expectUpdatedAt(socialInsuranceRecord.updatedAt, startedAt)
    expect(socialInsuranceRecord).toEqual({
      socialInsuranceNumber: '0100000001',
      citizen: { personalId: '001090000001' },
      fullName: 'Nguyễn Văn An',
      birthDate: '1990-03-15',
      sex: 'MALE',
      residence: {
        text: 'Số 12 phố Phúc Xá, Phường Phúc Xá, Quận Ba Đình, Thành phố Hà Nội',
        legacyCommune: { code: '00001' },
        commune: { code: '00097' },
        mappingStatus: 'EXACT',
      },
      periods: [
        // 2012-01-01 … 2015-12-31 inclusive: 4 whole years.
        { employer: { enterpriseCode: '0100109106' }, employerCode: '0100109106', from: '2012-01-01', to: '2015-12-31', contributionBaseVnd: 5_000_000, kind: 'COMPULSORY', months: 48 },
        // 2016-03-10 … 2026-11-22 (today) inclusive: 10 years and 8 months.
        { employer: { enterpriseCode: '0100233488-001' }, employerCode: '0100233488-001', from: '2016-03-10', to: null, contributionBaseVnd: 12_500_000.5, kind: 'COMPULSORY', months: 128 },
      ],
      contributionMonths: 176,
      currentlyParticipating: true,
      updatedAt: socialInsuranceRecord.updatedAt,
    })
  })

  it('when every period is closed, then the book is not currently participating; a period short of a month counts 0 and a voluntary one has no employer', async () => {
    const { socialInsuranceRecord } = dataOf(
      await insurance.subgraph.execute<{ socialInsuranceRecord: Record<string, unknown> }>(RECORD, { number: '0100000002' }),
    )
    expect(socialInsuranceRecord.periods).toEqual([
      { employer: null, employerCode: '', from: '2018-05-20', to: '2019-05-19', contributionBaseVnd: 1_500_000, kind: 'VOLUNTARY', months: 12 },
      { employer: { enterpriseCode: '0100109106' }, employerCode: '0100109106', from: '2020-01-15', to: '2020-02-13', contributionBaseVnd: 4_000_000, kind: 'COMPULSORY', months: 0 },
    ])
    expect(socialInsuranceRecord.contributionMonths).toBe(12)
    expect(socialInsuranceRecord.currentlyParticipating).toBe(false)
    expect(socialInsuranceRecord.sex).toBe('FEMALE')
  })

  it('when a book has no periods, then it has 0 months and is not participating', async () => {
    const { socialInsuranceRecord } = dataOf(
      await insurance.subgraph.execute<{ socialInsuranceRecord: Record<string, unknown> }>(RECORD, { number: '7900000003' }),
    )
    expect(socialInsuranceRecord).toMatchObject({ periods: [], contributionMonths: 0, currentlyParticipating: false })
  })

  it('when the number is unknown, then the answer is null', async () => {
    expect(dataOf(await insurance.subgraph.execute(RECORD, { number: '9999999999' }))).toEqual({ socialInsuranceRecord: null })
  })

  it.each(['123', '01000000011', 'abcdefghij', ''])('when the number is malformed (%j), then it is rejected with BAD_USER_INPUT', async (number) => {
    const result = await insurance.subgraph.execute(RECORD, { number })
    expect(errorCodesOf(result)).toEqual(['BAD_USER_INPUT'])
  })
})

describe('healthInsuranceCard', () => {
  it('when a card is within its validity, then it is valid, with the labels of its group and level', async () => {
    const { healthInsuranceCard } = dataOf(await insurance.subgraph.execute(CARD, { number: 'DN4010100000001' }))
    expectUpdatedAt(healthInsuranceCard.updatedAt, startedAt)
    expect(healthInsuranceCard).toEqual({
      cardNumber: 'DN4010100000001',
      socialInsuranceNumber: '0100000001',
      citizen: { personalId: '001090000001' },
      beneficiaryGroup: 'DN',
      beneficiaryGroupName: 'Người lao động làm việc trong các doanh nghiệp',
      benefitLevel: 4,
      benefitPercent: 80,
      provinceCode: '01',
      primaryCareFacility: { code: '01-001', name: 'Bệnh viện Đa khoa Xanh Pôn' },
      validFrom: '2026-01-01',
      validTo: '2026-12-31',
      valid: true,
      updatedAt: healthInsuranceCard.updatedAt,
    })
  })

  it('when a card expired, then it is not valid', async () => {
    const { healthInsuranceCard } = dataOf(await insurance.subgraph.execute(CARD, { number: 'HC4010100000001' }))
    expect(healthInsuranceCard).toMatchObject({ beneficiaryGroupName: 'Cán bộ, công chức, viên chức', validTo: '2025-12-31', valid: false })
  })

  it('when validity starts today, then the card is valid; when it starts tomorrow, it is not', async () => {
    const starting = dataOf(await insurance.subgraph.execute(CARD, { number: 'CN3010100000002' }))
    expect(starting.healthInsuranceCard).toMatchObject({ validFrom: '2026-11-22', valid: true, benefitLevel: 3, benefitPercent: 95, beneficiaryGroupName: 'Người thuộc hộ gia đình cận nghèo' })
    const future = dataOf(await insurance.subgraph.execute(CARD, { number: 'QN5797900000003' }))
    expect(future.healthInsuranceCard).toMatchObject({ valid: false, provinceCode: '79', benefitLevel: 5, benefitPercent: 100, beneficiaryGroup: 'QN', beneficiaryGroupName: null })
  })

  it('when a child holds a card without a social insurance book, then the card still resolves, at level 1 (100%)', async () => {
    const { healthInsuranceCard } = dataOf(await insurance.subgraph.execute(CARD, { number: 'TE1010100000004' }))
    expect(healthInsuranceCard).toMatchObject({ socialInsuranceNumber: '0100000004', beneficiaryGroupName: 'Trẻ em dưới 6 tuổi', benefitPercent: 100, valid: true })
  })

  it('when the card is unknown, then the answer is null', async () => {
    expect(dataOf(await insurance.subgraph.execute(CARD, { number: 'DN4019999999999' }))).toEqual({ healthInsuranceCard: null })
  })

  it.each(['DN401010000000', 'dn4010100000001', 'DN6010100000001', 'DN40101000000011'])('when the card number is malformed (%j), then it is rejected with BAD_USER_INPUT', async (number) => {
    const result = await insurance.subgraph.execute(CARD, { number })
    expect(errorCodesOf(result)).toEqual(['BAD_USER_INPUT'])
  })
})

describe('updatedAt', () => {
  const RECORDS = /* GraphQL */ `
    query Records($number: SocialInsuranceNumber!, $card: HealthInsuranceCardNumber!) {
      socialInsuranceRecord(socialInsuranceNumber: $number) { updatedAt }
      healthInsuranceCard(cardNumber: $card) { updatedAt }
    }
  `

  /** The served updatedAt of book 7900000003 and card QN5797900000003, in epoch milliseconds. */
  async function updatedAtOfRecords() {
    const { socialInsuranceRecord, healthInsuranceCard } = dataOf(await insurance.subgraph.execute(RECORDS, { number: '7900000003', card: 'QN5797900000003' }))
    return { book: expectUpdatedAt(socialInsuranceRecord.updatedAt, startedAt).getTime(), card: expectUpdatedAt(healthInsuranceCard.updatedAt, startedAt).getTime() }
  }

  it('when a book and a card change in the register, then their updatedAt moves forward; an UPDATE writing the same values leaves it', async () => {
    const { db } = insurance.database
    const ingested = await updatedAtOfRecords()

    await sql`UPDATE social_insurance_record SET full_name = full_name WHERE social_insurance_number = '7900000003'`.execute(db)
    await sql`UPDATE health_insurance_card SET valid_to = valid_to WHERE card_number = 'QN5797900000003'`.execute(db)
    expect(await updatedAtOfRecords()).toEqual(ingested)

    // The agency corrects the name in the book and extends the card (gia hạn thẻ).
    await sql`UPDATE social_insurance_record SET full_name = full_name || ' (đã sửa)' WHERE social_insurance_number = '7900000003'`.execute(db)
    await sql`UPDATE health_insurance_card SET valid_to = valid_to + 365 WHERE card_number = 'QN5797900000003'`.execute(db)
    const changed = await updatedAtOfRecords()
    expect(changed.book).toBeGreaterThan(ingested.book)
    expect(changed.card).toBeGreaterThan(ingested.card)
  })
})
