/**
 * Who is calling, as the gateway established it from a verified bearer token:
 * an official at a desk, a machine client (the National Public Service
 * Portal, a provincial portal), or a citizen reading their own data; and the
 * case a request serves (purpose binding, modelled on X-Road's `X-Road-Issue`).
 *
 * The shapes are lib's, because the gateway signs them into every subgraph
 * request and the subgraphs read them back (`@lienthong/lib/subgraph`).
 */
export type {
  GatewayCaller as Caller,
  GatewayCitizenCaller as CitizenCaller,
  GatewayMachineCaller as MachineCaller,
  GatewayOfficialCaller as OfficialCaller,
  GatewayPurpose as Purpose,
} from '@lienthong/lib/subgraph'
