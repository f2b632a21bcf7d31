import { lazy } from 'react';

/**
 * Each screen of the field app is its own chunk, loaded when first opened, so a phone on a
 * slow network starts with the sign-in page and home only; the map (Leaflet) comes with the
 * report screen. The service worker keeps them all for offline use (public/m/sw.js).
 */
export const ReportScreen = lazy(() =>
  import('./report/ReportScreen.js').then((m) => ({ default: m.ReportScreen })),
);
export const CaseList = lazy(() => import('./cases/CaseList.js').then((m) => ({ default: m.CaseList })));
export const CaseDetailScreen = lazy(() =>
  import('./cases/CaseDetail.js').then((m) => ({ default: m.CaseDetailScreen })),
);
export const Messages = lazy(() => import('./messages/Messages.js').then((m) => ({ default: m.Messages })));
export const VisitsRoutes = lazy(() =>
  import('./visits/VisitsRoutes.js').then((m) => ({ default: m.VisitsRoutes })),
);
export const PointsRoutes = lazy(() =>
  import('./points/PointsRoutes.js').then((m) => ({ default: m.PointsRoutes })),
);
export const WishesRoutes = lazy(() =>
  import('./wishes/WishesRoutes.js').then((m) => ({ default: m.WishesRoutes })),
);
export const ErrandsRoutes = lazy(() =>
  import('./errands/ErrandsRoutes.js').then((m) => ({ default: m.ErrandsRoutes })),
);
export const DisclosuresRoutes = lazy(() =>
  import('./disclosures/DisclosuresRoutes.js').then((m) => ({ default: m.DisclosuresRoutes })),
);
export const MyLoans = lazy(() => import('./stations/MyLoans.js').then((m) => ({ default: m.MyLoans })));
export const RaiseWhistle = lazy(() =>
  import('./whistles/RaiseWhistle.js').then((m) => ({ default: m.RaiseWhistle })),
);
export const RegistersRoutes = lazy(() =>
  import('./registers/RegistersRoutes.js').then((m) => ({ default: m.RegistersRoutes })),
);
export const Join = lazy(() => import('./registers/Join.js').then((m) => ({ default: m.Join })));
export const ScreeningScreen = lazy(() =>
  import('./disputes/ScreeningScreen.js').then((m) => ({ default: m.ScreeningScreen })),
);
export const MediationRecord = lazy(() =>
  import('./disputes/MediationRecord.js').then((m) => ({ default: m.MediationRecord })),
);
export const AgencyScreen = lazy(() =>
  import('./petitions/AgencyScreen.js').then((m) => ({ default: m.AgencyScreen })),
);
export const EmergencyChecks = lazy(() =>
  import('./emergency/EmergencyChecks.js').then((m) => ({ default: m.EmergencyChecks })),
);
export const MeetingsScreen = lazy(() =>
  import('./meetings/MeetingsScreen.js').then((m) => ({ default: m.MeetingsScreen })),
);
export const CampaignTargets = lazy(() =>
  import('./campaigns/CampaignTargets.js').then((m) => ({ default: m.CampaignTargets })),
);
export const LessonsScreen = lazy(() =>
  import('./lessons/LessonsScreen.js').then((m) => ({ default: m.LessonsScreen })),
);
export const InServiceSignUp = lazy(() =>
  import('./inservice/SignUp.js').then((m) => ({ default: m.SignUp })),
);
export const MyService = lazy(() =>
  import('./inservice/MyService.js').then((m) => ({ default: m.MyService })),
);
