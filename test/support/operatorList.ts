/** The command centre's case list as an operator works it: each case with its handling and its ratings. */
export const OPERATOR_LIST = `query ($first: Int!) {
  cases(first: $first) {
    totalCount
    edges { node {
      id title status statusName category { name } channels reportCount createdAt
      level whistle dueAt slaLight streetId
      currentAssignment { id state dueAt department { id name } }
      evaluations { score satisfied } handlingRound
    } }
  }
}`;
