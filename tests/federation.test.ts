import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { postGraphQL, startFederationStack, type FederationStack } from './support/federation-stack.js'

describe('gateway over the boundary subgraph', () => {
  let stack: FederationStack

  beforeAll(async () => {
    stack = await startFederationStack()
  })

  afterAll(async () => {
    await stack?.stop()
  })

  it('when Hồ Chí Minh City is asked for, then the gateway answers its name and its 168 communes', async () => {
    const { status, body } = await postGraphQL(
      stack.gateway.graphqlUrl,
      '{ province(code: "79") { name communes(first: 5) { totalCount nodes { code name } } } }',
    )

    expect(status).toBe(200)
    expect(body.errors).toBeUndefined()
    expect(body.data.province.name).toBe('Thành phố Hồ Chí Minh')
    expect(body.data.province.communes.totalCount).toBe(168)
    expect(body.data.province.communes.nodes).toHaveLength(5)
  })

  it('when Hà Nội is asked for with a variable, then it has 126 communes', async () => {
    const { body } = await postGraphQL(
      stack.gateway.graphqlUrl,
      'query Province($code: AdministrativeUnitCode!) { province(code: $code) { name communes { totalCount } } }',
      { code: '01' },
    )

    expect(body.errors).toBeUndefined()
    expect(body.data.province).toEqual({ name: 'Thành phố Hà Nội', communes: { totalCount: 126 } })
  })

  it('when all provinces are listed, then there are the 34 of 2025', async () => {
    const { body } = await postGraphQL(stack.gateway.graphqlUrl, '{ provinces { code } }')

    expect(body.data.provinces).toHaveLength(34)
    expect(body.data.provinces[0]).toEqual({ code: '01' })
  })

  it('when legacy commune 26740 (Phường Bến Nghé) is asked for, then it went wholly into Phường Sài Gòn', async () => {
    const { body } = await postGraphQL(
      stack.gateway.graphqlUrl,
      '{ legacyCommune(code: "26740") { successors { commune { code name } relation } } }',
    )

    expect(body.errors).toBeUndefined()
    expect(body.data.legacyCommune.successors).toEqual([{ commune: { code: '26740', name: 'Phường Sài Gòn' }, relation: 'WHOLE' }])
  })

  it('when a province code is malformed in the query text, then the error is BAD_USER_INPUT with no stack trace', async () => {
    const { body } = await postGraphQL(stack.gateway.graphqlUrl, '{ province(code: "7A9") { name } }')

    expect(body.data?.province ?? null).toBeNull()
    expect(body.errors).toHaveLength(1)
    expect(body.errors![0]!.message).toMatch(/must be 2 digits/)
    expect(body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT')
    expect(JSON.stringify(body)).not.toMatch(/stacktrace|exception|\bat .*\.(ts|js):\d+/)
  })

  it('when a province code is malformed in a variable, then the error is BAD_USER_INPUT with no stack trace', async () => {
    const { status, body } = await postGraphQL(
      stack.gateway.graphqlUrl,
      'query Province($code: AdministrativeUnitCode!) { province(code: $code) { name } }',
      { code: '7A9' },
    )

    expect(status).toBeLessThan(500)
    expect(body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT')
    expect(JSON.stringify(body)).not.toMatch(/stacktrace|exception|\bat .*\.(ts|js):\d+/)
  })

  it('when a well-formed code names no province, then the answer is null without an error', async () => {
    const { body } = await postGraphQL(stack.gateway.graphqlUrl, '{ province(code: "99") { name } }')

    expect(body).toEqual({ data: { province: null } })
  })
})
