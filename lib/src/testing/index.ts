export { createTestDatabase, ingestInTransaction, type TestDatabase, type TestDatabaseOptions } from './test-database.js'
export { startTestServer, type ExecutionResultOf, type OperationOptions, type TestServer } from './test-server.js'
// Vitest-aware: this entry point is for test files only.
export { dataOf, errorCodeOf, errorCodesOf, selectsIn, useTestSubgraph, type TestSubgraph, type TestSubgraphOptions } from './vitest.js'
