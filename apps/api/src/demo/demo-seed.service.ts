import { Injectable, Logger } from '@nestjs/common';
import { hashPassword } from '../auth/passwords.js';
import { UsersRepository } from '../auth/users.repository.js';
import { CodebookService } from '../codebook/codebook.service.js';
import { CodingsService } from '../codings/codings.service.js';
import { Transactions, type Tx } from '../database/transactions.js';
import { DocumentsRepository } from '../documents/documents.repository.js';
import { DocumentsService } from '../documents/documents.service.js';
import { MembershipsRepository } from '../projects/memberships.repository.js';
import { ProjectsService } from '../projects/projects.service.js';
import { DEMO_CODED_TRANSCRIPT, seedDemoCodings } from './demo-codings.js';
import { DEMO_TRANSCRIPTS } from './transcripts.js';

export interface DemoLogin {
  role: string;
  email: string;
  password: string;
}

/**
 * Fixed demo accounts. They exist only on a database that was empty at
 * start with `TOLK_DEMO=1`, which is meant for trying Tolk on one machine.
 */
export const DEMO_LOGINS = {
  student: {
    role: 'student (owner)',
    name: 'Sara Student',
    email: 'student@tolk.example',
    password: 'tolk-student-demo',
  },
  supervisor: {
    role: 'supervisor',
    name: 'Viktor Veileder',
    email: 'veileder@tolk.example',
    password: 'tolk-veileder-demo',
  },
} as const;

const toLogin = ({ role, email, password }: DemoLogin): DemoLogin => ({ role, email, password });

export const DEMO_PROJECT_NAME = 'Brukermedvirkning i rusomsorgen';

/** Name, definition and parent (by name; listed before its sub-codes); each takes the next free palette colour. */
export const DEMO_CODES: readonly (readonly [string, string, string | null])[] = [
  ['Brukermedvirkning', 'Hvordan brukeren får innflytelse over sin egen oppfølging.', null],
  ['Digitalisering', 'Video, telefon og Teams i stedet for møter ansikt til ansikt.', null],
  ['Reaksjoner på pandemien', 'Første reaksjoner: nedstenging, usikkerhet, nye rutiner.', null],
  ['Relasjoner', 'Relasjonsetablering mellom ruskonsulent og bruker.', null],
  ['Tillit og tilknytning', 'Det som bygger eller svekker tilliten over tid.', 'Relasjoner'],
  ['Isolasjon og tilbakefall', 'Ensomhet, mer bruk, tilbakefall under nedstengingen.', null],
  ['Samarbeid med andre tjenester', 'NAV, fastlege, boligtjenesten og andre aktører.', null],
];

@Injectable()
export class DemoSeedService {
  private readonly logger = new Logger(DemoSeedService.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly users: UsersRepository,
    private readonly projects: ProjectsService,
    private readonly memberships: MembershipsRepository,
    private readonly documents: DocumentsService,
    private readonly documentRows: DocumentsRepository,
    private readonly codebook: CodebookService,
    private readonly codings: CodingsService,
  ) {}

  /**
   * Creates the demo users and project when the database has no users at
   * all; returns the logins to print, or an empty list when it did nothing.
   */
  async seedIfEmpty(): Promise<DemoLogin[]> {
    const { student, supervisor } = DEMO_LOGINS;
    const [studentHash, supervisorHash] = await Promise.all([
      hashPassword(student.password),
      hashPassword(supervisor.password),
    ]);
    const created = await this.transactions.run(async (tx) => {
      // One instance seeds at a time; the second finds users and stops.
      await this.transactions.lock('tolk:demo-seed', tx);
      if ((await this.users.count(tx)) > 0) return null;
      const owner = await this.users.insert(
        { email: student.email, name: student.name, passwordHash: studentHash },
        tx,
      );
      const veileder = await this.users.insert(
        { email: supervisor.email, name: supervisor.name, passwordHash: supervisorHash },
        tx,
      );
      const actor = { userId: owner!.id };
      const project = await this.projects.insert(tx, actor, {
        name: DEMO_PROJECT_NAME,
        description:
          'Demo: hvordan covid-pandemien påvirket brukermedvirkning mellom ruskonsulent og rusmisbruker. Fire syntetiske intervjuer.',
      });
      await this.memberships.insert([{ projectId: project.id, userId: veileder!.id, role: 'supervisor' }], tx);
      const codes = await this.seedCodebook(tx, project.id, owner!.id);
      for (const t of DEMO_TRANSCRIPTS) {
        await this.documents.insert(tx, actor, project.id, {
          title: t.title,
          text: t.text,
          attributes: { ...t.attributes },
        });
      }
      return { projectId: project.id, codes, users: { student: owner!.id, supervisor: veileder!.id } };
    });
    if (!created) return [];
    const coded = await seedDemoCodings(
      this.codings,
      (await this.documentRows.findByTitle(created.projectId, DEMO_CODED_TRANSCRIPT))!,
      created.codes,
      created.users,
    );
    this.logger.log(`Coded ${coded} passages of the demo transcript as both demo users`);
    this.logger.log(`Created the demo project "${DEMO_PROJECT_NAME}" with ${DEMO_TRANSCRIPTS.length} transcripts`);
    return [toLogin(student), toLogin(supervisor)];
  }

  /** The themes of the thesis's findings chapter, as a small starting codebook; code ids by name. */
  private async seedCodebook(tx: Tx, projectId: string, ownerId: string): Promise<Map<string, string>> {
    const ids = new Map<string, string>();
    for (const [name, description, parent] of DEMO_CODES) {
      const code = await this.codebook.insert(tx, { userId: ownerId }, projectId, {
        name,
        description,
        parentId: parent ? ids.get(parent)! : null,
      });
      ids.set(name, code.id);
    }
    return ids;
  }

  /** The demo logins whose accounts still exist. */
  async existingLogins(): Promise<DemoLogin[]> {
    const logins = Object.values(DEMO_LOGINS);
    const users = await this.users.findByEmails(logins.map((l) => l.email));
    return logins.filter((l) => users.some((u) => u.email === l.email)).map(toLogin);
  }
}
