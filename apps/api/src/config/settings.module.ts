import { type DynamicModule, Global, Inject, Module } from '@nestjs/common';
import type { Settings } from './settings.js';

const SETTINGS = Symbol('Settings');

/** Injects the validated settings. */
export const InjectSettings = () => Inject(SETTINGS);

/** What the app runs with: the settings plus what boot resolved from them. */
export interface RuntimeSettings extends Settings {
  /** The database actually used (external or embedded). */
  databaseUrl: string;
  /** The token signing secret actually used (given or generated). */
  secret: string;
}

@Global()
@Module({})
export class SettingsModule {
  static forRoot(settings: RuntimeSettings): DynamicModule {
    return {
      module: SettingsModule,
      providers: [{ provide: SETTINGS, useValue: settings }],
      exports: [SETTINGS],
    };
  }
}
