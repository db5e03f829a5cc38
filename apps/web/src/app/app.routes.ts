import { Routes } from '@angular/router';
import { authGuard, guestGuard } from './core/auth/auth.guards';

// Route titles are translation keys; I18nTitleStrategy turns them into text.
export const routes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'projects' },
  {
    path: 'login',
    title: 'title.login',
    canActivate: [guestGuard],
    loadComponent: () => import('./auth/login.page').then((m) => m.LoginPage),
  },
  {
    path: 'register',
    title: 'title.register',
    canActivate: [guestGuard],
    loadComponent: () => import('./auth/register.page').then((m) => m.RegisterPage),
  },
  {
    path: 'account',
    title: 'title.account',
    canActivate: [authGuard],
    loadComponent: () => import('./account/account.page').then((m) => m.AccountPage),
  },
  {
    path: 'inbox',
    title: 'title.inbox',
    canActivate: [authGuard],
    loadComponent: () => import('./together/inbox.page').then((m) => m.InboxPage),
  },
  {
    path: 'projects',
    title: 'title.projects',
    canActivate: [authGuard],
    loadComponent: () => import('./projects/project-list.page').then((m) => m.ProjectListPage),
  },
  {
    path: 'projects/:projectId',
    title: 'title.project',
    canActivate: [authGuard],
    loadComponent: () => import('./projects/project.page').then((m) => m.ProjectPage),
  },
  {
    path: 'projects/:projectId/agreement',
    title: 'title.agreement',
    canActivate: [authGuard],
    loadComponent: () => import('./agreement/agreement.page').then((m) => m.AgreementPage),
  },
  {
    path: 'projects/:projectId/analysis',
    title: 'title.analysis',
    canActivate: [authGuard],
    loadComponent: () => import('./analysis/analysis.page').then((m) => m.AnalysisPage),
  },
  {
    path: 'projects/:projectId/snapshots/:snapshotId',
    title: 'title.snapshot',
    canActivate: [authGuard],
    loadComponent: () => import('./snapshots/snapshot.page').then((m) => m.SnapshotPage),
  },
  {
    path: 'projects/:projectId/snapshots/:snapshotId/compare',
    title: 'title.compare',
    canActivate: [authGuard],
    loadComponent: () => import('./snapshots/compare.page').then((m) => m.ComparePage),
  },
  {
    path: 'documents/:documentId',
    title: 'title.document',
    canActivate: [authGuard],
    loadComponent: () => import('./documents/document.page').then((m) => m.DocumentPage),
  },
  {
    path: '**',
    title: 'title.notFound',
    loadComponent: () => import('./shared/ui/not-found.page').then((m) => m.NotFoundPage),
  },
];

/**
 * Starts loading the code of the page at `path`, the first page of a visit
 * (a link, a reload): it then comes while the session is being restored,
 * instead of after it, when the router would ask for it. A transcript's page
 * is most of the client's code (the editor, Yjs), fetched in several rounds
 * of imports. Loading it twice costs nothing: the router gets the same module.
 */
export function preloadPage(path: string): void {
  const segments = path.split('/').filter(Boolean);
  const route = routes.find(
    (r) => r.loadComponent && r.path !== undefined && r.path !== '**' && matches(r.path, segments),
  );
  const loading = route?.loadComponent?.();
  if (loading instanceof Promise) loading.catch(() => undefined);
}

/** Whether a route's path (`documents/:documentId`) matches a URL's segments. */
function matches(path: string, segments: readonly string[]): boolean {
  const parts = path.split('/').filter(Boolean);
  return parts.length === segments.length && parts.every((p, i) => p.startsWith(':') || p === segments[i]);
}
