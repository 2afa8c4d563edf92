import type { Route } from './router.ts';
import { adminPage } from './views/admin.ts';
import { adopterPage } from './views/adopter-detail.ts';
import { adoptersPage } from './views/adopters.ts';
import { adoptionRequestsPage } from './views/adoption-requests.ts';
import { animalPage } from './views/animal-detail.ts';
import { animalsPage } from './views/animals.ts';
import { documentsPage } from './views/documents.ts';
import type { PageContext } from './views/page-context.ts';
import { profilePage } from './views/profile.ts';
import { statisticsPage } from './views/statistics.ts';

/** The signed-in page for a route; `reloadAccount` fetches /me again after a profile change. */
export function signedInPage(ctx: PageContext, route: Route, reloadAccount: (notice: string) => Promise<void>): Promise<HTMLElement> {
  switch (route.page) {
    case 'requests':
      return adoptionRequestsPage(ctx, route.state);
    case 'animals':
      return animalsPage(ctx, route.filter);
    case 'animal':
      return animalPage(ctx, route.id);
    case 'adopters':
      return adoptersPage(ctx, route.filter);
    case 'adopter':
      return adopterPage(ctx, route.id);
    case 'statistics':
      return statisticsPage(ctx);
    case 'documents':
      return documentsPage(ctx);
    case 'admin':
      return adminPage(ctx);
    case 'profile':
    case 'reset-password':
      return Promise.resolve(profilePage(ctx, reloadAccount));
  }
}
