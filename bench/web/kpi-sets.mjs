// The KPIs every engine computes, per source, exactly as ../shared/spec/kpis.md and Northstar
// define them, per calendar month. Shared by the driver (Node) and the browser peers.
//   page:   the app page that shows the source (data-page)
//   kpis:   the KPI ids compared and waited for
//   zero:   KPIs whose missing month means 0 (counts and sums); any other missing month is none
export const KPI_SETS = {
  tickets: { page: 'support', kpis: ['ticket_volume', 'first_response_time_median', 'resolution_time_median'], zero: ['ticket_volume'] },
  usage: { page: 'product', kpis: ['active_users', 'avg_session_duration'], zero: ['active_users'] },
  surveys: { page: 'surveys', kpis: ['nps', 'csat', 'ces'], zero: [] },
  subscriptions: { page: 'revenue', kpis: ['mrr'], zero: ['mrr'] },
  orders: { page: 'orders', kpis: ['orders', 'revenue', 'avg_order_value', 'active_customers'], zero: ['orders', 'revenue', 'active_customers'] },
};

export const SOURCE_NAMES = Object.keys(KPI_SETS);
