/** What every page gets: the API client, the signed-in user with the actions they may take, and one-shot notices. */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ApiClient } from './api.js';

export interface Me {
  userId: string;
  username: string;
  displayName: string;
  roles: { id: string; label: string }[];
  institution: 'DAS' | 'DGASPC' | 'GAL';
  services: string[];
  mailPreference: 'immediate' | 'digest';
  /** policy actions this user holds (GET /api/me) */
  actions: string[];
}

export interface AppServices {
  api: ApiClient;
  me: Me;
  can(action: string): boolean;
  hasRole(role: string): boolean;
  /** a message shown once on the next page (e.g. "Sesizarea a fost înregistrată") */
  flash(message: string): void;
  takeFlash(): string | undefined;
  refreshMe(): Promise<void>;
  /** the menu entries this user may open (group: the disclosure menu they sit in when the menu is long) */
  menu: { key: string; label: string; href: string; group?: string; inGroup?: string }[];
}

export const AppContext = createContext<AppServices | null>(null);

export function useApp(): AppServices {
  const ctx = useContext(AppContext);
  if (!ctx) throw new Error('useApp outside the signed-in shell');
  return ctx;
}
