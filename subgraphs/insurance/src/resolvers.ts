import { compareWithPopulation, type PopulationValues } from '@lienthong/lib'
import {
  addressResolvers,
  createMappingQualityResolver,
  createResolveAddressMapping,
  HealthInsuranceCardNumberScalar,
  isAcceptedBy,
  loadAddress,
  scalarResolvers,
  SocialInsuranceNumberScalar,
  type AddressParent,
} from '@lienthong/schema'
import type { InsuranceContext } from './context.js'
import type { HealthInsuranceCardRow, ParticipationPeriodRow, SocialInsuranceRecordRow } from './database.js'
import { BENEFICIARY_GROUPS, BENEFIT_PERCENT, cardProvinceCode, isEnterpriseCode, wholeMonths } from './model.js'

/** A Citizen representation from the gateway: its key, plus the population fields insuranceDiscrepancies requires. */
type CitizenReference = PopulationValues & { personalId: string }

/** Whole months of one period, counted up to today while it is open. */
function periodMonths(period: ParticipationPeriodRow, today: string): number {
  return wholeMonths(period.from_date, period.to_date ?? today)
}

function isCurrent(period: ParticipationPeriodRow, today: string): boolean {
  return period.from_date <= today && (period.to_date === null || period.to_date >= today)
}

export const resolvers = {
  ...scalarResolvers,
  ...addressResolvers,
  Query: {
    // The arguments' scalars (SocialInsuranceNumber, HealthInsuranceCardNumber) have already checked them.
    socialInsuranceRecord: (_: unknown, { socialInsuranceNumber }: { socialInsuranceNumber: string }, { loaders }: InsuranceContext) =>
      loaders.recordByNumber.load(socialInsuranceNumber),
    healthInsuranceCard: (_: unknown, { cardNumber }: { cardNumber: string }, { loaders }: InsuranceContext) => loaders.cardByNumber.load(cardNumber),
    insuranceMappingQuality: createMappingQualityResolver('INSURANCE'),
  },
  Mutation: {
    resolveInsuranceAddressMapping: createResolveAddressMapping('INSURANCE'),
  },
  Citizen: {
    // The representation is the citizen: fields load through DataLoaders keyed by personal id.
    __resolveReference: (reference: CitizenReference) => reference,
    async socialInsurance(citizen: CitizenReference, _: unknown, { loaders }: InsuranceContext) {
      const [record] = await loaders.recordsByPersonalId.load(citizen.personalId)
      return record ?? null
    },
    healthInsuranceCards: (citizen: CitizenReference, _: unknown, { loaders }: InsuranceContext) => loaders.cardsByPersonalId.load(citizen.personalId),
    async insuranceDiscrepancies(citizen: CitizenReference, _: unknown, context: InsuranceContext) {
      const records = await context.loaders.recordsByPersonalId.load(citizen.personalId)
      const residences = await Promise.all(records.map((record) => context.addressLoaders.address.load(record.residence_address_id)))
      // One entry per (book, field), books in loader order.
      return records.flatMap((record, index) =>
        compareWithPopulation(
          { fullName: record.full_name, birthDate: record.birth_date, residenceLegacyCommuneCode: residences[index]?.legacy_commune_code ?? null },
          citizen,
        ).map((disagreement) => ({
          register: 'INSURANCE',
          recordType: 'SocialInsuranceRecord',
          recordId: record.social_insurance_number,
          ...disagreement,
        })),
      )
    },
  },
  SocialInsuranceRecord: {
    // Representations are raw JSON (`_Any`), not parsed by the scalars: a malformed number names nothing.
    __resolveReference: ({ socialInsuranceNumber }: { socialInsuranceNumber?: unknown }, { loaders }: InsuranceContext) =>
      isAcceptedBy(SocialInsuranceNumberScalar, socialInsuranceNumber) ? loaders.recordByNumber.load(socialInsuranceNumber) : null,
    socialInsuranceNumber: (record: SocialInsuranceRecordRow) => record.social_insurance_number,
    citizen: (record: SocialInsuranceRecordRow) => ({ personalId: record.personal_id }),
    fullName: (record: SocialInsuranceRecordRow) => record.full_name,
    birthDate: (record: SocialInsuranceRecordRow) => record.birth_date,
    residence: (record: SocialInsuranceRecordRow, _: unknown, context: InsuranceContext): Promise<AddressParent | null> =>
      loadAddress(context, 'INSURANCE', record.residence_address_id),
    periods: (record: SocialInsuranceRecordRow, _: unknown, { loaders }: InsuranceContext) => loaders.periodsByNumber.load(record.social_insurance_number),
    async contributionMonths(record: SocialInsuranceRecordRow, _: unknown, { loaders, today }: InsuranceContext) {
      const periods = await loaders.periodsByNumber.load(record.social_insurance_number)
      return periods.reduce((sum, period) => sum + periodMonths(period, today), 0)
    },
    async currentlyParticipating(record: SocialInsuranceRecordRow, _: unknown, { loaders, today }: InsuranceContext) {
      const periods = await loaders.periodsByNumber.load(record.social_insurance_number)
      return periods.some((period) => isCurrent(period, today))
    },
    // A Date: the DateTime scalar serialises it as an ISO 8601 instant (as Address.mappedAt).
    updatedAt: (record: SocialInsuranceRecordRow) => record.updated_at,
  },
  ParticipationPeriod: {
    employer: (period: ParticipationPeriodRow) => (isEnterpriseCode(period.employer_code) ? { enterpriseCode: period.employer_code } : null),
    employerCode: (period: ParticipationPeriodRow) => period.employer_code,
    from: (period: ParticipationPeriodRow) => period.from_date,
    to: (period: ParticipationPeriodRow) => period.to_date,
    contributionBaseVnd: (period: ParticipationPeriodRow) => Number(period.contribution_base_vnd),
    months: (period: ParticipationPeriodRow, _: unknown, { today }: InsuranceContext) => periodMonths(period, today),
  },
  HealthInsuranceCard: {
    __resolveReference: ({ cardNumber }: { cardNumber?: unknown }, { loaders }: InsuranceContext) =>
      isAcceptedBy(HealthInsuranceCardNumberScalar, cardNumber) ? loaders.cardByNumber.load(cardNumber) : null,
    cardNumber: (card: HealthInsuranceCardRow) => card.card_number,
    socialInsuranceNumber: (card: HealthInsuranceCardRow) => card.social_insurance_number,
    citizen: (card: HealthInsuranceCardRow) => ({ personalId: card.personal_id }),
    beneficiaryGroup: (card: HealthInsuranceCardRow) => card.beneficiary_group,
    beneficiaryGroupName: (card: HealthInsuranceCardRow) => BENEFICIARY_GROUPS[card.beneficiary_group] ?? null,
    benefitLevel: (card: HealthInsuranceCardRow) => card.benefit_level,
    benefitPercent: (card: HealthInsuranceCardRow) => BENEFIT_PERCENT[card.benefit_level],
    provinceCode: (card: HealthInsuranceCardRow) => cardProvinceCode(card.card_number),
    primaryCareFacility: (card: HealthInsuranceCardRow) => ({ code: card.primary_care_facility_code, name: card.primary_care_facility_name }),
    validFrom: (card: HealthInsuranceCardRow) => card.valid_from,
    validTo: (card: HealthInsuranceCardRow) => card.valid_to,
    valid: (card: HealthInsuranceCardRow, _: unknown, { today }: InsuranceContext) => card.valid_from <= today && today <= card.valid_to,
    updatedAt: (card: HealthInsuranceCardRow) => card.updated_at,
  },
}
