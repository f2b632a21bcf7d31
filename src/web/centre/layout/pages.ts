import { lazy } from 'react';

/**
 * Each screen of the command centre is its own chunk, loaded when first opened, so the
 * sign-in page and the frame do not wait for maps (Leaflet), tables and forms of every page.
 */
export const Workbench = lazy(() =>
  import('../workbench/Workbench.js').then((m) => ({ default: m.Workbench })),
);
export const CaseListPage = lazy(() =>
  import('../cases/CaseListPage.js').then((m) => ({ default: m.CaseListPage })),
);
export const CaseDetailPage = lazy(() =>
  import('../detail/CaseDetailPage.js').then((m) => ({ default: m.CaseDetailPage })),
);
export const TerritoryPage = lazy(() =>
  import('../territory/TerritoryPage.js').then((m) => ({ default: m.TerritoryPage })),
);
export const PeoplePage = lazy(() =>
  import('../people/PeoplePage.js').then((m) => ({ default: m.PeoplePage })),
);
export const VisitsPage = lazy(() =>
  import('../visits/VisitsPage.js').then((m) => ({ default: m.VisitsPage })),
);
export const WorkersPage = lazy(() =>
  import('../points/WorkersPage.js').then((m) => ({ default: m.WorkersPage })),
);
export const PartyPage = lazy(() => import('../party/PartyPage.js').then((m) => ({ default: m.PartyPage })));
export const WhistlesPage = lazy(() =>
  import('../whistles/WhistlesPage.js').then((m) => ({ default: m.WhistlesPage })),
);
export const WishesPage = lazy(() =>
  import('../wishes/WishesPage.js').then((m) => ({ default: m.WishesPage })),
);
export const ErrandsPage = lazy(() =>
  import('../errands/ErrandsPage.js').then((m) => ({ default: m.ErrandsPage })),
);
export const DisclosuresPage = lazy(() =>
  import('../disclosures/DisclosuresPage.js').then((m) => ({ default: m.DisclosuresPage })),
);
export const AdminPage = lazy(() => import('../admin/AdminPage.js').then((m) => ({ default: m.AdminPage })));
// ECharts stays in the dashboard's own chunk
export const DashboardPage = lazy(() => import('../dashboard/DashboardPage.js'));
export const DisputesPage = lazy(() =>
  import('../disputes/DisputesPage.js').then((m) => ({ default: m.DisputesPage })),
);
export const PetitionsPage = lazy(() =>
  import('../petitions/PetitionsPage.js').then((m) => ({ default: m.PetitionsPage })),
);
export const StationsPage = lazy(() =>
  import('../stations/StationsPage.js').then((m) => ({ default: m.StationsPage })),
);
export const TeamsPage = lazy(() => import('../teams/TeamsPage.js').then((m) => ({ default: m.TeamsPage })));
export const CadresPage = lazy(() =>
  import('../cadres/CadresPage.js').then((m) => ({ default: m.CadresPage })),
);
export const EnterprisesPage = lazy(() =>
  import('../enterprises/EnterprisesPage.js').then((m) => ({ default: m.EnterprisesPage })),
);
export const EmergencyPage = lazy(() =>
  import('../emergency/EmergencyPage.js').then((m) => ({ default: m.EmergencyPage })),
);
export const CampaignsPage = lazy(() =>
  import('../campaigns/CampaignsPage.js').then((m) => ({ default: m.CampaignsPage })),
);
export const ReportsPage = lazy(() =>
  import('../reports/ReportsPage.js').then((m) => ({ default: m.ReportsPage })),
);
export const CallLogPage = lazy(() =>
  import('../calls/CallLogPage.js').then((m) => ({ default: m.CallLogPage })),
);
export const MeetingsPage = lazy(() =>
  import('../meetings/MeetingsPage.js').then((m) => ({ default: m.MeetingsPage })),
);
export const OrgLifePage = lazy(() =>
  import('../orglife/OrgLifePage.js').then((m) => ({ default: m.OrgLifePage })),
);
export const CityPage = lazy(() => import('../city/CityPage.js').then((m) => ({ default: m.CityPage })));
export const InServicePage = lazy(() =>
  import('../inservice/InServicePage.js').then((m) => ({ default: m.InServicePage })),
);
