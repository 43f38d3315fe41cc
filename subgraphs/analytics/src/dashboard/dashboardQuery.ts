/**
 * The question the command-centre page (dashboard.js) asks the graph, as other clients, benchmarks and the
 * plan test ask it: the page spells the same fields.
 */
export const DASHBOARD_QUERY = `query Dashboard($from: DateTime!, $to: DateTime!) {
  total: kpis(from: $from, to: $to) { cases responseRate resolutionRate satisfactionRate slaComplianceRate repeatComplaintRate }
  streets: kpis(from: $from, to: $to, groupBy: [STREET]) { key label cases responseRate resolutionRate satisfactionRate }
  trends(from: $from, to: $to, interval: DAY, by: CATEGORY) { period key name cases }
  hotspots(from: $from, to: $to, first: 10) { place placeName category { name } cases reports openCases }
  openCaseMap(first: 500) { case { id } title category { name } streetId streetName location { lng lat } light }
}`;
