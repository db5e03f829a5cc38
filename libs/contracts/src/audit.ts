/** One line of a project's audit log (GET /api/projects/:projectId/audit). */
export interface AuditEntry {
  id: string;
  /** ISO 8601. */
  at: string;
  /** Null for an anonymous event (a failed sign-in) or an erased account. */
  actor: { userId: string; name: string | null; email: string | null } | null;
  projectId: string | null;
  /** `<kind>.<verb>`, e.g. `document.read`, `coding.create`, `auth.login_failed`. */
  action: string;
  target: { type: string; id: string } | null;
  documentId: string | null;
  /** The transcript's title now; null once it is deleted. */
  documentTitle: string | null;
  details: Record<string, unknown>;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** Entries that match the filters, all pages together. */
  total: number;
}

/** Query parameters of GET /api/projects/:projectId/audit (and audit.csv). */
export interface AuditQuery {
  action?: string;
  actor?: string;
  documentId?: string;
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

/** A project's pseudonym key list (owner only): real names and places → pseudonyms. */
export interface PseudonymList {
  entries: { real: string; pseudonym: string }[];
  /** Null: there is no list (never made, or destroyed). */
  updatedAt: string | null;
}

/** POST /api/projects/:projectId/pseudonyms/apply */
export interface PseudonymApplyResult {
  documentsChanged: number;
  replacements: number;
}

/** GET/PUT /api/projects/:projectId/retention */
export interface ProjectRetention {
  /** `YYYY-MM-DD`: on this date the project and everything in it is erased. Null: no date set. */
  retentionUntil: string | null;
  /** Days until then (0 on the day); null without a date. */
  daysLeft: number | null;
  /** True within 30 days of the date: time to export what must be kept and tell the members. */
  reminder: boolean;
}

/** GET/PUT /api/documents/:documentId/consent: the informant's consent behind a transcript. */
export interface DocumentConsent {
  reference: string | null;
  /** `YYYY-MM-DD`, or null. */
  consentDate: string | null;
}
