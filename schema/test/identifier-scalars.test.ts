import { readFileSync } from 'node:fs'
import { GraphQLError, Kind, parse, parseValue, type GraphQLScalarType, type ValueNode } from 'graphql'
import { describe, expect, it } from 'vitest'
import {
  EnterpriseCodeScalar,
  HealthInsuranceCardNumberScalar,
  LandParcelIdScalar,
  PersonalIdScalar,
  scalarResolvers,
  SocialInsuranceNumberScalar,
} from '../src/index.js'

function literal(source: string): ValueNode {
  return parseValue(source)
}

function thrown(action: () => unknown): GraphQLError {
  try {
    action()
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError)
    return error as GraphQLError
  }
  throw new Error('expected the action to throw')
}

/** Rejects `value` through parseValue and as a string literal, as bad input with `message`, without echoing the value. */
function expectRejected(scalar: GraphQLScalarType, value: string, message: string): void {
  for (const error of [
    thrown(() => scalar.parseValue(value)),
    thrown(() => scalar.parseLiteral({ kind: Kind.STRING, value })),
  ]) {
    expect(error.extensions.code).toBe('BAD_USER_INPUT')
    expect(error.message).toBe(message)
    if (value.trim() !== '') expect(error.message).not.toContain(value.trim())
  }
}

/** The enterprise code check digit, written independently of the scalar: 10 − (Σ Nᵢ·Wᵢ mod 11), 10 meaning none. */
function checkDigit(firstNine: string): number {
  const weights = [31, 29, 23, 19, 17, 13, 7, 5, 3]
  let total = 0
  for (let i = 0; i < 9; i += 1) total += Number(firstNine.charAt(i)) * (weights[i] ?? 0)
  return 10 - (total % 11)
}

const IDENTIFIER_SCALARS = [
  PersonalIdScalar,
  EnterpriseCodeScalar,
  SocialInsuranceNumberScalar,
  HealthInsuranceCardNumberScalar,
  LandParcelIdScalar,
]

describe('PersonalId', () => {
  const malformed = 'PersonalId must be 12 digits written as a string, such as "001090012345"'

  it('when given 12 digits with any century/sex digit 0–9, then accepts them unchanged', () => {
    for (let centuryAndSex = 0; centuryAndSex <= 9; centuryAndSex += 1) {
      const id = `079${centuryAndSex}85004217`
      expect(PersonalIdScalar.parseValue(id)).toBe(id)
      expect(PersonalIdScalar.parseLiteral(literal(`"${id}"`))).toBe(id)
      expect(PersonalIdScalar.serialize(id)).toBe(id)
    }
  })

  it('when given a province code 001–096 or another 3-digit (country) code, then accepts it', () => {
    for (const id of ['001090012345', '096203000001', '402185000077', '999301000123']) {
      expect(PersonalIdScalar.parseValue(id)).toBe(id)
    }
  })

  it.each([
    ['11 digits', '07920300456'],
    ['13 digits', '0792030045678'],
    ['a letter', '07920300456A'],
    ['a space inside', '079203 004567'],
    ['a leading space', ' 079203004567'],
    ['a trailing newline', '079203004567\n'],
    ['dashes', '079-203-004567'],
    ['full-width digits', '０７９２０３００４５６７'],
    ['an empty string', ''],
  ])('when given %s, then rejects it saying 12 digits are expected, without echoing it', (_kind, id) => {
    expectRejected(PersonalIdScalar, id, malformed)
  })

  it('when given a number (variable or int/float literal), then rejects it saying the leading zeros are lost', () => {
    const message = `${malformed}, not a number: a number loses the leading zeros`
    for (const error of [
      thrown(() => PersonalIdScalar.parseValue(79203004567)),
      thrown(() => PersonalIdScalar.parseLiteral(literal('79203004567'))),
      thrown(() => PersonalIdScalar.parseLiteral(literal('7.9203004567e10'))),
    ]) {
      expect(error.extensions.code).toBe('BAD_USER_INPUT')
      expect(error.message).toBe(message)
      expect(error.message).not.toContain('79203004567')
    }
  })

  it('when given a boolean, list, object or enum literal, then rejects it as BAD_USER_INPUT', () => {
    for (const source of ['true', '["079203004567"]', '{ id: "079203004567" }', 'PERSON']) {
      const error = thrown(() => PersonalIdScalar.parseLiteral(literal(source)))
      expect(error.extensions.code).toBe('BAD_USER_INPUT')
      expect(error.message).toBe(malformed)
    }
  })
})

describe('EnterpriseCode', () => {
  const malformed =
    'EnterpriseCode must be 10 digits, optionally followed by "-" and a 3-digit branch number 001–999 written as a string, ' +
    'such as "0100109106" or "0100109106-001"'
  const mismatch =
    'EnterpriseCode check digit does not match: the 10th digit is computed from the first 9, so one of them was probably mistyped'

  it('when given codes whose check digit matches (python-stdnum examples), then accepts them unchanged', () => {
    for (const code of ['0100109106', '0100233488', '0314409058-002']) {
      expect(EnterpriseCodeScalar.parseValue(code)).toBe(code)
      expect(EnterpriseCodeScalar.parseLiteral(literal(`"${code}"`))).toBe(code)
      expect(EnterpriseCodeScalar.serialize(code)).toBe(code)
    }
  })

  it('when given a branch of a code with a computed check digit, then accepts it', () => {
    const firstNine = '790123456'
    const digit = checkDigit(firstNine)
    expect(digit).toBeLessThan(10)
    const branch = `${firstNine}${digit}-015`
    expect(EnterpriseCodeScalar.parseValue(branch)).toBe(branch)
    expect(EnterpriseCodeScalar.parseValue(`${firstNine}${digit}-999`)).toBe(`${firstNine}${digit}-999`)
  })

  it('when the 10th digit is any other digit than the computed one, then rejects it saying the check digit does not match', () => {
    for (const code of ['0100109106', '0100233488']) {
      for (let wrong = 0; wrong <= 9; wrong += 1) {
        if (String(wrong) === code[9]) continue
        expectRejected(EnterpriseCodeScalar, `${code.slice(0, 9)}${wrong}`, mismatch)
        expectRejected(EnterpriseCodeScalar, `${code.slice(0, 9)}${wrong}-001`, mismatch)
      }
    }
  })

  it('when the first 9 digits give a check digit of 10, then rejects every 10th digit', () => {
    // Find a prefix whose weighted sum is a multiple of 11 (10 − 0 = 10: no valid code).
    let prefix = ''
    for (let sequence = 1; prefix === ''; sequence += 1) {
      const candidate = `01${String(sequence).padStart(7, '0')}`
      if (checkDigit(candidate) === 10) prefix = candidate
    }
    for (let last = 0; last <= 9; last += 1) expectRejected(EnterpriseCodeScalar, `${prefix}${last}`, mismatch)
  })

  it('when digits 3–9 (the sequence number) are all zero, then rejects it even with a matching check digit', () => {
    const firstNine = '010000000'
    const code = `${firstNine}${checkDigit(firstNine)}`
    expectRejected(
      EnterpriseCodeScalar,
      code,
      'EnterpriseCode digits 3–9 (the sequence number) cannot all be zero: check the code was copied correctly',
    )
  })

  it.each([
    ['9 digits', '031440905'],
    ['11 digits', '03144090580'],
    ['13 digits without the dash', '0314409058002'],
    ['a 1-digit branch', '0314409058-2'],
    ['a 4-digit branch', '0314409058-0002'],
    ['branch 000', '0314409058-000'],
    ['a space before the branch', '0314409058 -002'],
    ['dots', '03.14.409.058'],
    ['a leading space', ' 0314409058'],
    ['a letter', '031440905A'],
  ])('when given %s, then rejects it describing the expected shape, without echoing it', (_kind, code) => {
    expectRejected(EnterpriseCodeScalar, code, malformed)
  })

  it('when given a number, then rejects it saying the leading zeros are lost', () => {
    for (const error of [
      thrown(() => EnterpriseCodeScalar.parseValue(100109106)),
      thrown(() => EnterpriseCodeScalar.parseLiteral(literal('100109106'))),
      thrown(() => EnterpriseCodeScalar.parseLiteral(literal('100109106.0'))),
    ]) {
      expect(error.extensions.code).toBe('BAD_USER_INPUT')
      expect(error.message).toBe(`${malformed}, not a number: a number loses the leading zeros`)
    }
  })
})

describe('SocialInsuranceNumber', () => {
  const malformed = 'SocialInsuranceNumber must be 10 digits written as a string, such as "0123456789"'

  it('when given 10 digits, then accepts them unchanged', () => {
    expect(SocialInsuranceNumberScalar.parseValue('7912345678')).toBe('7912345678')
    expect(SocialInsuranceNumberScalar.parseLiteral(literal('"0101234567"'))).toBe('0101234567')
    expect(SocialInsuranceNumberScalar.serialize('0101234567')).toBe('0101234567')
  })

  it.each(['791234567', '79123456789', '79123-45678', '791234567O', ' 7912345678', '079203004567'])(
    'when given "%s", then rejects it saying 10 digits are expected, without echoing it',
    (number) => {
      expectRejected(SocialInsuranceNumberScalar, number, malformed)
    },
  )

  it('when given a number, then rejects it saying the leading zeros are lost', () => {
    for (const error of [
      thrown(() => SocialInsuranceNumberScalar.parseValue(101234567)),
      thrown(() => SocialInsuranceNumberScalar.parseLiteral(literal('101234567'))),
    ]) {
      expect(error.extensions.code).toBe('BAD_USER_INPUT')
      expect(error.message).toBe(`${malformed}, not a number: a number loses the leading zeros`)
    }
  })
})

describe('HealthInsuranceCardNumber', () => {
  const malformed =
    'HealthInsuranceCardNumber must be 15 characters: 2 upper-case letters (the beneficiary group), a benefit level digit 1–5, ' +
    '2 digits (the province) and 10 digits (the social insurance number) written as a string, such as "DN4010123456789"'

  it('when given 2 letters, a level 1–5, 2 province digits and 10 digits, then accepts it unchanged', () => {
    for (const card of ['DN4010123456789', 'HS1797912345678', 'TE5017912345678', 'CB2790101234567']) {
      expect(HealthInsuranceCardNumberScalar.parseValue(card)).toBe(card)
      expect(HealthInsuranceCardNumberScalar.parseLiteral(literal(`"${card}"`))).toBe(card)
      expect(HealthInsuranceCardNumberScalar.serialize(card)).toBe(card)
    }
  })

  it.each([
    ['benefit level 0', 'HS0797912345678'],
    ['benefit level 6', 'HS6797912345678'],
    ['lower-case letters', 'hs4797912345678'],
    ['one letter', 'H47979123456789'],
    ['three letters', 'HSX797912345678'],
    ['14 characters', 'HS479791234567'],
    ['16 characters', 'HS47979123456789'],
    ['spaces', 'HS 4 79 7912345678'],
    ['a letter in the number', 'HS479791234567X'],
    ['an accented letter', 'ĐN4797912345678'],
  ])('when given %s, then rejects it describing the 15 characters, without echoing it', (_kind, card) => {
    expectRejected(HealthInsuranceCardNumberScalar, card, malformed)
  })

  it('when given a number, then rejects it as BAD_USER_INPUT', () => {
    const error = thrown(() => HealthInsuranceCardNumberScalar.parseLiteral(literal('4797912345678')))
    expect(error.extensions.code).toBe('BAD_USER_INPUT')
    expect(error.message).toBe(`${malformed}, not a number`)
  })
})

describe('LandParcelId', () => {
  const malformed =
    'LandParcelId must be a 5-digit legacy commune code, a map sheet number 1–9999 and a parcel number 1–99999 joined by "-" ' +
    '(sheet and parcel without leading zeros) written as a string, such as "00160-12-345"'

  it('when given commune, sheet and parcel joined by "-", then accepts it unchanged', () => {
    for (const parcel of ['00160-12-345', '26740-1-1', '26740-9999-99999']) {
      expect(LandParcelIdScalar.parseValue(parcel)).toBe(parcel)
      expect(LandParcelIdScalar.parseLiteral(literal(`"${parcel}"`))).toBe(parcel)
      expect(LandParcelIdScalar.serialize(parcel)).toBe(parcel)
    }
  })

  it.each([
    ['a 4-digit commune code', '6740-7-88'],
    ['a 6-digit commune code', '267400-7-88'],
    ['sheet 0', '26740-0-88'],
    ['parcel 0', '26740-7-0'],
    ['a sheet with a leading zero', '26740-07-88'],
    ['a parcel with a leading zero', '26740-7-088'],
    ['sheet 10000', '26740-10000-88'],
    ['parcel 100000', '26740-7-100000'],
    ['slashes', '26740/7/88'],
    ['spaces', '26740 - 7 - 88'],
    ['a missing parcel', '26740-7'],
    ['a parcel with a letter', '26740-7-88a'],
  ])('when given %s, then rejects it describing the format, without echoing it', (_kind, parcel) => {
    expectRejected(LandParcelIdScalar, parcel, malformed)
  })

  it('when given a number, then rejects it as BAD_USER_INPUT', () => {
    const error = thrown(() => LandParcelIdScalar.parseValue(16012345))
    expect(error.extensions.code).toBe('BAD_USER_INPUT')
    expect(error.message).toBe(`${malformed}, not a number`)
  })
})

describe('identifier scalars', () => {
  it('when serializing a malformed value from our own data, then throws a plain TypeError that leaves the value out', () => {
    const malformedValues: [GraphQLScalarType, unknown][] = [
      [PersonalIdScalar, '07920300456'],
      [PersonalIdScalar, 79203004567],
      [EnterpriseCodeScalar, '0100109107'],
      [EnterpriseCodeScalar, 100109106],
      [SocialInsuranceNumberScalar, '791234567'],
      [HealthInsuranceCardNumberScalar, 'HS0797912345678'],
      [LandParcelIdScalar, '00160-012-345'],
      [LandParcelIdScalar, null],
    ]
    for (const [scalar, value] of malformedValues) {
      let error: unknown
      try {
        scalar.serialize(value)
      } catch (caught) {
        error = caught
      }
      expect(error).toBeInstanceOf(TypeError)
      expect(error).not.toBeInstanceOf(GraphQLError)
      expect((error as TypeError).message).toBe(`${scalar.name} cannot represent a malformed value`)
    }
  })

  it('when the SDL declares the scalars, then each scalar object carries the same description', () => {
    const sdl = parse(readFileSync(new URL('../src/registers/register-types.graphql', import.meta.url), 'utf8'))
    const normalise = (text: string | undefined) => text?.replace(/\s+/g, ' ').trim()
    for (const scalar of IDENTIFIER_SCALARS) {
      const definition = sdl.definitions.find(
        (node) => node.kind === Kind.SCALAR_TYPE_DEFINITION && node.name.value === scalar.name,
      )
      expect(definition, scalar.name).toBeDefined()
      const description = definition?.kind === Kind.SCALAR_TYPE_DEFINITION ? definition.description?.value : undefined
      expect(normalise(scalar.description ?? undefined), scalar.name).toBe(normalise(description))
    }
  })

  it('when a subgraph spreads scalarResolvers, then each identifier scalar is found under its GraphQL name', () => {
    for (const scalar of IDENTIFIER_SCALARS) {
      expect(scalarResolvers[scalar.name as keyof typeof scalarResolvers]).toBe(scalar)
    }
  })
})
