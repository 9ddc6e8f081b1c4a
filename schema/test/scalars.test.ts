import { GraphQLError, Kind, parseValue, type ValueNode } from 'graphql'
import { describe, expect, it } from 'vitest'
import { AdministrativeUnitCodeScalar, LegacyAdministrativeUnitCodeScalar, scalarResolvers } from '../src/index.js'

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

describe('AdministrativeUnitCode', () => {
  it('when given a 2-digit province or 5-digit commune code as a string, then accepts it unchanged', () => {
    expect(AdministrativeUnitCodeScalar.parseValue('01')).toBe('01')
    expect(AdministrativeUnitCodeScalar.parseValue('26740')).toBe('26740')
    expect(AdministrativeUnitCodeScalar.parseLiteral(literal('"79"'))).toBe('79')
    expect(AdministrativeUnitCodeScalar.serialize('00004')).toBe('00004')
  })

  it('when given a number, then rejects it as BAD_USER_INPUT saying a number loses leading zeros', () => {
    const error = thrown(() => AdministrativeUnitCodeScalar.parseValue(1))
    expect(error.extensions.code).toBe('BAD_USER_INPUT')
    expect(error.message).toBe(
      'AdministrativeUnitCode must be a string such as "79" or "26740", not a number: a number loses the code\'s leading zeros',
    )
    expect(thrown(() => AdministrativeUnitCodeScalar.parseLiteral(literal('79'))).message).toContain('not a number')
    expect(thrown(() => AdministrativeUnitCodeScalar.parseLiteral(literal('79.0'))).message).toContain('not a number')
  })

  it.each(['7', '797', '1234', '123456', 'abcde', '7a', ' 79', '７９', ''])('when given "%s", then rejects it with the expected lengths', (code) => {
    const error = thrown(() => AdministrativeUnitCodeScalar.parseValue(code))
    expect(error.extensions.code).toBe('BAD_USER_INPUT')
    expect(error.message).toBe(
      'AdministrativeUnitCode must be 2 digits (a province) or 5 digits (a commune), written as a string such as "79" or "26740"',
    )
  })

  it('when given a non-string literal such as a boolean or list, then rejects it as BAD_USER_INPUT', () => {
    for (const source of ['true', '["79"]', '{ code: "79" }', 'PROVINCE']) {
      const error = thrown(() => AdministrativeUnitCodeScalar.parseLiteral(literal(source)))
      expect(error.extensions.code).toBe('BAD_USER_INPUT')
      expect(error.message).toContain('must be a string of 2 digits (a province) or 5 digits (a commune)')
    }
  })

  it('when serializing a malformed code from our own data, then throws a plain error (masked as unexpected), not bad input', () => {
    expect(() => AdministrativeUnitCodeScalar.serialize('123')).toThrow(TypeError)
    expect(() => AdministrativeUnitCodeScalar.serialize(79)).toThrow(TypeError)
  })
})

describe('LegacyAdministrativeUnitCode', () => {
  it('when given a 2-, 3- or 5-digit code, then accepts it', () => {
    for (const code of ['79', '760', '26740']) {
      expect(LegacyAdministrativeUnitCodeScalar.parseValue(code)).toBe(code)
      expect(LegacyAdministrativeUnitCodeScalar.parseLiteral({ kind: Kind.STRING, value: code })).toBe(code)
    }
  })

  it.each(['7', '7600', '267401', 'abc'])('when given "%s", then rejects it naming the three levels', (code) => {
    const error = thrown(() => LegacyAdministrativeUnitCodeScalar.parseValue(code))
    expect(error.extensions.code).toBe('BAD_USER_INPUT')
    expect(error.message).toBe(
      'LegacyAdministrativeUnitCode must be 2 digits (a province), 3 digits (a district) or 5 digits (a commune), ' +
        'written as a string such as "79" or "760" or "26740"',
    )
  })

  it('when given a number, then rejects it as BAD_USER_INPUT', () => {
    const error = thrown(() => LegacyAdministrativeUnitCodeScalar.parseValue(760))
    expect(error.extensions.code).toBe('BAD_USER_INPUT')
    expect(error.message).toContain('not a number')
  })
})

describe('scalarResolvers', () => {
  it('when a subgraph spreads the map, then each scalar is found under its GraphQL name', () => {
    for (const [name, scalar] of Object.entries(scalarResolvers)) expect(scalar.name).toBe(name)
    expect(Object.keys(scalarResolvers).sort()).toEqual([
      'AdministrativeUnitCode',
      'Date',
      'DateTime',
      'EnterpriseCode',
      'HealthInsuranceCardNumber',
      'LandParcelId',
      'LegacyAdministrativeUnitCode',
      'PersonalId',
      'SocialInsuranceNumber',
    ])
  })
})
