export { createTestDatabase, ingestInTransaction, type TestDatabase, type TestDatabaseOptions } from './test-database.js'
export { startTestServer, type ExecutionResultOf, type OperationOptions, type TestServer } from './test-server.js'
export { TEST_GATEWAY_SECRET, TEST_MACHINE, TEST_OFFICIAL, TEST_PURPOSE, testOfficial, testSecurityContext, type SecurityOptions } from './test-security.js'
export { signedGraphQLRequest, type GraphQLRequestBody, type SignedGraphQLResponse, type SignedRequestOptions } from './signed-request.js'
// Vitest-aware: this entry point is for test files only.
export { dataOf, errorCodeOf, errorCodesOf, expectGatewayOnly, expectUpdatedAt, selectsIn, useTestSubgraph, type TestSubgraph, type TestSubgraphOptions } from './vitest.js'
