/** What Open311 asks of the hub's graph: named operations, the same a GraphQL client would send. */

export const SERVICES = /* GraphQL */ `
  query Open311Services { categories { code name parentCode } }
`;

const REQUEST_FIELDS = /* GraphQL */ `
  fragment Open311Request on ServiceRequest {
    id status statusName open category { code name } summary address location { lat lng }
    requestedAt updatedAt mergedInto reportCount agencyResponsible expectedAt
  }
`;

export const SERVICE_REQUESTS = /* GraphQL */ `
  query Open311Requests($filter: ServiceRequestFilter, $first: Int, $after: String) {
    serviceRequests(filter: $filter, first: $first, after: $after) {
      nodes { ...Open311Request }
      pageInfo { hasNextPage endCursor }
    }
  }
  ${REQUEST_FIELDS}
`;

export const SERVICE_REQUEST = /* GraphQL */ `
  query Open311Request($id: ID!) { serviceRequest(id: $id) { ...Open311Request } }
  ${REQUEST_FIELDS}
`;

export const REQUEST_OF_TOKEN = /* GraphQL */ `
  query Open311Token($token: String!) { serviceRequestOfReport(channel: OPEN311, sourceId: $token) { id } }
`;

export const SUBMIT = /* GraphQL */ `
  mutation Open311Submit($report: ReportInput!) {
    submitReports(reports: [$report]) { outcome case { id reportCount } }
  }
`;
