import type { CurrentAccount } from '../auth/current-account.ts';
import { inTransaction, type Db } from '../db/pool.ts';
import { conflict, forbidden, notFound } from '../http/errors.ts';
import { animalStatusOnEnter, checkTransition, permissionToEnter, type AdoptionState } from './transitions.ts';

export type MoveInput = { requestId: string; to: AdoptionState; note: string; actor: CurrentAccount };

/**
 * Moves one adoption request to `to` if the table allows it and the actor's role may, updates the
 * animal's status to match, and records the move. Row locks make concurrent moves serialise.
 */
export async function moveAdoptionRequest(db: Db, input: MoveInput): Promise<{ from: AdoptionState; to: AdoptionState }> {
  const needed = permissionToEnter[input.to];
  if (!input.actor.permissions.has(needed)) throw forbidden(`moving a request to ${input.to} needs ${needed}`);
  return inTransaction(db, async (client) => {
    const found = await client.query<{ state: AdoptionState; animal_id: string; black_listed: boolean }>(
      `SELECT r.state, r.animal_id::text, ad.black_listed_at IS NOT NULL AS black_listed
         FROM adoption_requests r JOIN adopters ad ON ad.id = r.adopter_id WHERE r.id = $1 FOR UPDATE OF r`,
      [input.requestId],
    );
    const request = found.rows[0];
    if (!request) throw notFound('adoption request');
    const check = checkTransition(request.state, input.to);
    if (!check.ok) {
      throw conflict(`cannot move a request from ${check.from} to ${check.to}`, { from: check.from, allowed: check.allowed });
    }
    if ((input.to === 'approved' || input.to === 'completed') && request.black_listed) {
      throw conflict('the adopter is on the black list, so this request cannot go further');
    }
    const animal = await client.query<{ status: string }>('SELECT status FROM animals WHERE id = $1 FOR UPDATE', [
      request.animal_id,
    ]);
    const animalStatus = animal.rows[0]?.status;
    if (input.to === 'approved' && animalStatus !== 'available') {
      throw conflict(`the animal is ${animalStatus ?? 'gone'}, so this request cannot be approved`);
    }
    await client.query('UPDATE adoption_requests SET state = $2, updated_at = now() WHERE id = $1', [
      input.requestId,
      input.to,
    ]);
    const newAnimalStatus = animalStatusOnEnter[input.to];
    if (newAnimalStatus) {
      await client.query('UPDATE animals SET status = $2, updated_at = now() WHERE id = $1', [
        request.animal_id,
        newAnimalStatus,
      ]);
    }
    await client.query(
      'INSERT INTO adoption_request_events (request_id, from_state, to_state, note, actor_id) VALUES ($1, $2, $3, $4, $5)',
      [input.requestId, request.state, input.to, input.note, input.actor.id],
    );
    return { from: request.state, to: input.to };
  });
}
