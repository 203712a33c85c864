/**
 * The single place an order changes state. It re-reads the order under a row lock, checks
 * the move against states.ts, writes the new state and an event row (who, why, message:
 * the audit trail admins read), then lets the host mirror the state into its own tables
 * (WHMCS: tblsslorders.status), all in the caller's transaction. An illegal move throws
 * AppError('conflict') and writes nothing.
 */
import type { Transaction } from 'kysely';
import type { Database } from '../../db/connection';
import { AppError } from '../http/errors';
import { canMove, isOrderState, STATES, type OrderStateName } from './states';

export type Trx = Transaction<Database>;

/** Implemented by each host edge; called inside the transition's transaction. */
export interface StateMirror {
  stateChanged(trx: Trx, hostOrderId: number, to: OrderStateName): Promise<void>;
}

export interface TransitionInput {
  orderId: number;
  to: OrderStateName;
  actor: string; // 'client:1', 'admin:1', 'whmcs', 'system'
  reason: string; // short machine word: configured, submitted, supplier_status, terminated …
  message: string;
  /** Extra order columns written with the move (supplier id, certificate …). */
  set?: Record<string, string | number | null>;
}

export class Lifecycle {
  constructor(private readonly mirror: StateMirror) {}

  async move(trx: Trx, input: TransitionInput): Promise<OrderStateName> {
    const order = await trx
      .selectFrom('mod_certbridge_orders')
      .select(['id', 'state', 'host_order_id'])
      .where('id', '=', input.orderId)
      .forUpdate()
      .executeTakeFirst();
    if (!order) throw new AppError('not_found', `Certificate order #${input.orderId} does not exist`);
    if (!isOrderState(order.state)) throw new Error(`order ${order.id} has unknown state ${order.state}`);
    const from = order.state;
    if (from !== input.to && !canMove(from, input.to)) {
      throw new AppError('conflict', `The certificate order is ${STATES[from].label.toLowerCase()} and cannot become ${STATES[input.to].label.toLowerCase()}`);
    }
    await trx
      .updateTable('mod_certbridge_orders')
      .set({ ...(input.set ?? {}), state: input.to } as never)
      .where('id', '=', order.id)
      .execute();
    await this.note(trx, order.id, from, input.to, input.actor, input.reason, input.message);
    await this.mirror.stateChanged(trx, order.host_order_id, input.to);
    return from;
  }

  /** Records an event; with from === to it is a note without a state change. */
  async note(trx: Trx, orderId: number, from: string | null, to: string, actor: string, reason: string, message: string): Promise<void> {
    await trx
      .insertInto('mod_certbridge_order_events')
      .values({ order_id: orderId, from_state: from, to_state: to, actor, reason, message })
      .execute();
  }
}
