import { bootstrapApplication } from '@angular/platform-browser';
import { App } from './app/app';
import { appConfig } from './app/app.config';
import { preloadPage } from './app/app.routes';

preloadPage(location.pathname);

bootstrapApplication(App, appConfig).catch((err: unknown) => {
  // Nothing else can report a failed bootstrap: the app never rendered.
  console.error(err);
});
