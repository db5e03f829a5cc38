/** Texts of the account page (GDPR self-service), merged into en.ts and nb.ts. */
export const accountEn = {
  'title.account': 'Your account',
  'nav.account': 'Your account',
  'account.heading': 'Your account',
  'account.lead': 'What Tolk keeps about you, and how to take it with you or have it erased.',
  'account.export.heading': 'Your data',
  'account.export.text':
    'Download everything Tolk keeps about you: your account, your memberships, and what you have coded, commented and written, as a JSON file.',
  'account.export.button': 'Download my data',
  'account.export.failed': 'Could not download your data.',
  'account.delete.heading': 'Erase your account',
  'account.delete.text':
    'Your account and sign-in go for good. Codings, comments and edits you made stay in the projects, attributed to a deleted user. If you are the only owner of a project, make another member owner or delete the project first.',
  'account.delete.button': 'Erase my account',
  'account.delete.confirmTitle': 'Erase your account?',
  'account.delete.confirmMessage': 'This cannot be undone. You will be signed out everywhere.',
  'account.delete.failed': 'Could not erase your account.',
} as const satisfies Record<string, string>;

export const accountNb: Record<keyof typeof accountEn, string> = {
  'title.account': 'Kontoen din',
  'nav.account': 'Kontoen din',
  'account.heading': 'Kontoen din',
  'account.lead': 'Hva Tolk lagrer om deg, og hvordan du tar det med deg eller får det slettet.',
  'account.export.heading': 'Dataene dine',
  'account.export.text':
    'Last ned alt Tolk lagrer om deg: kontoen, medlemskapene og det du har kodet, kommentert og skrevet, som en JSON-fil.',
  'account.export.button': 'Last ned dataene mine',
  'account.export.failed': 'Kunne ikke laste ned dataene dine.',
  'account.delete.heading': 'Slett kontoen',
  'account.delete.text':
    'Kontoen og innloggingen forsvinner for godt. Kodinger, kommentarer og endringer du har gjort, blir værende i prosjektene, knyttet til en slettet bruker. Er du eneste eier av et prosjekt, må du gjøre et annet medlem til eier eller slette prosjektet først.',
  'account.delete.button': 'Slett kontoen min',
  'account.delete.confirmTitle': 'Slette kontoen?',
  'account.delete.confirmMessage': 'Dette kan ikke angres. Du blir logget ut overalt.',
  'account.delete.failed': 'Kunne ikke slette kontoen.',
};
