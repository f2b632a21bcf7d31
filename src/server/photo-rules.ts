import { caseShowsPhotos } from '../modules/cases/photo-access.js';
import { mediationShowsPhotos } from '../modules/disputes/photo-access.js';
import { errandShowsPhotos } from '../modules/errands/photo-access.js';
import { publishedCasePhoto } from '../modules/open311/requests.js';
import type { PhotoRules } from '../modules/photos/index.js';
import { visitShowsPhotos } from '../modules/visits/photo-access.js';
import { wishShowsPhotos } from '../modules/wishes/photo-access.js';
import { campaignTargetShowsPhotos } from '../modules/campaigns/photo-access.js';
import { whistleShowsPhotos } from '../modules/whistles/photo-access.js';

/** Who sees a photo is who sees what it serves: each owning module's own rule. */
export const photoRules: PhotoRules = {
  sees: {
    case: caseShowsPhotos,
    visit: visitShowsPhotos,
    wish: wishShowsPhotos,
    errand: errandShowsPhotos,
    mediation: mediationShowsPhotos,
    campaign_target: campaignTargetShowsPhotos,
    whistle: whistleShowsPhotos,
  },
  published: publishedCasePhoto,
};
