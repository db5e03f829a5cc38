import { Global, Injectable, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { Database } from './database.js';

/*
 * Data access in Tolk (the one pattern):
 *
 * - A repository per aggregate (`ProjectsRepository`, `UsersRepository`, …),
 *   `@Injectable`, in the module that owns the tables, exported from its Nest
 *   module. It owns every query of its tables, raw SQL included, and returns
 *   domain objects (entities or the contract's types; mappers live beside
 *   their types). Only repositories touch `DataSource`, `EntityManager` or
 *   `.query`.
 * - Services hold the rules and the transactions. A service opens one with
 *   `Transactions.run(tx => …)` and passes `tx` as the LAST argument of every
 *   repository call that must take part in it. Every repository method that
 *   may run inside a transaction takes `tx?: Tx` last and reads through
 *   `manager(tx)` (see `Repo`), so the same method works inside or outside one.
 *
 *   await this.transactions.run(async (tx) => {
 *     const project = await this.projects.lockById(id, tx);
 *     await this.memberships.insert([{ projectId: id, userId, role }], tx);
 *   });
 *
 * - An entity names another module's entity by its class name
 *   (`@ManyToOne('UserEntity', …)`), typed by the few fields it reads: the
 *   relation still declares the foreign key, and no module imports another's
 *   entities.
 * - `Transactions.lock/tryLock(key, tx)` take transaction-scoped advisory
 *   locks (work that one instance at a time must do). `Database` runs the
 *   migrations at start and answers the health check.
 */

/** An open transaction, handed from the service that owns it to repositories. */
export type Tx = EntityManager;

/** PostgreSQL's isolation levels that Tolk uses (a snapshot reads in one REPEATABLE READ instant). */
export type IsolationLevel = 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE';

/** Opens transactions for services, which never see the DataSource themselves. */
@Injectable()
export class Transactions {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs `work` in one transaction (READ COMMITTED unless told), committed when it resolves. */
  run<T>(work: (tx: Tx) => Promise<T>, isolation?: IsolationLevel): Promise<T> {
    return isolation ? this.dataSource.transaction(isolation, work) : this.dataSource.transaction(work);
  }

  /** Waits for the advisory lock named `key`, held until `tx` ends (one instance at a time does the work). */
  async lock(key: string, tx: Tx): Promise<void> {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [key]);
  }

  /** Takes the advisory lock named `key` until `tx` ends, if no other transaction holds it. */
  async tryLock(key: string, tx: Tx): Promise<boolean> {
    const [{ locked }] = await tx.query<{ locked: boolean }[]>(
      'SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked',
      [key],
    );
    return locked;
  }
}

/** The base of every repository: `manager(tx)` is the transaction's manager, or the pool's. */
@Injectable()
export abstract class Repo {
  constructor(@InjectDataSource() protected readonly dataSource: DataSource) {}

  protected manager(tx?: Tx): EntityManager {
    return tx ?? this.dataSource.manager;
  }
}

/** Global: every module may inject `Transactions` (and `Database`, for start-up and health). */
@Global()
@Module({ providers: [Transactions, Database], exports: [Transactions, Database] })
export class TransactionsModule {}
