import { z } from 'zod';
import { permissions } from '../auth/permissions.ts';
import { acceptBody, accountStatusQuery, rejectBody, setRoleBody, signInBody, signUpBody } from '../schemas/accounts.ts';
import { passwordChangeBody, passwordResetConfirmBody, passwordResetRequestBody, profilePatch } from '../schemas/profile.ts';
import { roleBody } from '../schemas/roles.ts';
import { animalBody, animalPatch, photoBody, uploadUrlBody } from '../schemas/animals.ts';
import { adopterFilter, adoptionRequestFilter, animalFilter } from '../schemas/filters.ts';
import { animalEventBody } from '../schemas/animal-events.ts';
import { adopterBody, adopterPatch, blackListBody } from '../schemas/adopters.ts';
import { adoptionRequestBody, transitionBody } from '../schemas/adoption-requests.ts';
import { adoptionStateSchema } from '../adoptions/transitions.ts';
import { exportBody } from '../schemas/exports.ts';
import * as v from '../schemas/views.ts';
import type { RouteSpec } from './route-spec.ts';

const health = z.object({ ok: z.boolean(), database: z.enum(['up', 'down']) });
const notified = z.boolean();
const profileChanges = z.array(z.enum(['name', 'email', 'password', 'role']));

/** Every route of the API. A test fails when the app serves a route missing here, or the reverse. */
export const apiRoutes: readonly RouteSpec[] = [
  { method: 'get', path: '/healthz', summary: 'Up when the database answers', ok: { status: 200, schema: health }, also: { 503: health } },
  { method: 'get', path: '/openapi.json', summary: 'This document', ok: { status: 200, schema: z.looseObject({ openapi: z.string() }) } },

  { method: 'post', path: '/accounts', summary: 'Sign up (the account waits for an administrator)', body: signUpBody,
    ok: { status: 201, schema: z.object({ account: v.accountRowView }) }, errors: [409] },
  { method: 'post', path: '/sessions', summary: 'Sign in', body: signInBody, ok: { status: 200, schema: v.sessionView }, errors: [401, 403] },
  { method: 'delete', path: '/sessions/current', summary: 'Sign out (ends this token)', access: 'signed-in', ok: { status: 204 } },
  { method: 'post', path: '/password-resets', summary: 'E-mail a password reset code', body: passwordResetRequestBody,
    ok: { status: 202, schema: z.object({ message: z.string() }) } },
  { method: 'post', path: '/password-resets/confirm', summary: 'Set a new password with the e-mailed code', body: passwordResetConfirmBody,
    ok: { status: 204 } },

  { method: 'get', path: '/me', summary: 'The signed-in account', access: 'signed-in', ok: { status: 200, schema: z.object({ account: v.signedInAccountView }) } },
  { method: 'patch', path: '/me', summary: 'Change my name or e-mail (e-mails a notice)', access: 'signed-in', body: profilePatch,
    ok: { status: 200, schema: z.object({ account: v.signedInAccountView, changed: profileChanges, notified }) }, errors: [409] },
  { method: 'put', path: '/me/password', summary: 'Change my password (signs out my other sessions)', access: 'signed-in',
    body: passwordChangeBody, ok: { status: 204 }, errors: [403] },

  { method: 'get', path: '/accounts', summary: 'List accounts', access: 'accounts.manage', query: accountStatusQuery,
    ok: { status: 200, schema: z.object({ accounts: z.array(v.accountRowView) }) } },
  { method: 'post', path: '/accounts/{id}/accept', summary: 'Accept a sign-up with a role (e-mails the person)', access: 'accounts.manage',
    body: acceptBody, ok: { status: 200, schema: z.object({ account: v.accountRowView, notified }) }, errors: [409] },
  { method: 'post', path: '/accounts/{id}/reject', summary: 'Reject a sign-up (e-mails the person)', access: 'accounts.manage',
    body: rejectBody, ok: { status: 200, schema: z.object({ account: v.accountRowView, notified }) }, errors: [409] },
  { method: 'put', path: '/accounts/{id}/role', summary: "Change an account's role (e-mails the person)", access: 'accounts.manage',
    body: setRoleBody, ok: { status: 200, schema: z.object({ account: v.accountRowView, notified }) }, errors: [409] },

  { method: 'get', path: '/roles', summary: 'Roles and the permissions they grant', access: 'roles.manage',
    ok: { status: 200, schema: z.object({ roles: z.array(v.roleView.extend({ accounts: z.int() })), permissions: z.array(z.enum(permissions)) }) } },
  { method: 'put', path: '/roles/{name}', summary: 'Create or replace a role', access: 'roles.manage', body: roleBody,
    ok: { status: 200, schema: z.object({ role: v.roleView }) }, errors: [409] },
  { method: 'delete', path: '/roles/{name}', summary: 'Delete an unused role', access: 'roles.manage', ok: { status: 204 }, errors: [409] },

  { method: 'get', path: '/animals', summary: 'List animals, filtered by status, species, sex or text', access: 'animals.read', query: animalFilter,
    ok: { status: 200, schema: z.object({ animals: z.array(v.animalListItemView) }) } },
  { method: 'post', path: '/animals', summary: 'Add an animal', access: 'animals.write', body: animalBody,
    ok: { status: 201, schema: z.object({ animal: v.animalView }) } },
  { method: 'get', path: '/animals/{id}', summary: 'An animal with its photos', access: 'animals.read',
    ok: { status: 200, schema: z.object({ animal: v.animalDetailView }) } },
  { method: 'patch', path: '/animals/{id}', summary: 'Edit an animal', access: 'animals.write', body: animalPatch,
    ok: { status: 200, schema: z.object({ animal: v.animalView }) } },
  { method: 'delete', path: '/animals/{id}', summary: 'Delete an animal without adoption requests', access: 'animals.write',
    ok: { status: 204 }, errors: [409] },
  { method: 'post', path: '/animals/{id}/photos/upload-url', summary: 'A presigned PUT for a new photo', access: 'animals.write',
    body: uploadUrlBody, ok: { status: 201, schema: z.object({ upload: v.uploadView }) } },
  { method: 'post', path: '/animals/{id}/photos', summary: 'Record an uploaded photo', access: 'animals.write', body: photoBody,
    ok: { status: 201, schema: z.object({ photo: v.photoView.extend({ size: z.int().nonnegative() }) }) }, errors: [409] },
  { method: 'delete', path: '/animals/{id}/photos/{photoId}', summary: 'Forget a photo', access: 'animals.write', ok: { status: 204 } },
  { method: 'get', path: '/animals/{id}/events', summary: "An animal's events, oldest first", access: 'animals.read',
    ok: { status: 200, schema: z.object({ events: z.array(v.animalEventView) }) } },
  { method: 'post', path: '/animals/{id}/events', summary: 'Record an event (vaccination, vet visit, …)', access: 'animals.write',
    body: animalEventBody, ok: { status: 201, schema: z.object({ event: v.animalEventView }) } },
  { method: 'delete', path: '/animals/{id}/events/{eventId}', summary: 'Delete an event', access: 'animals.write', ok: { status: 204 } },

  { method: 'get', path: '/adopters', summary: 'Search adopters by name, e-mail or phone', access: 'adopters.read', query: adopterFilter,
    ok: { status: 200, schema: z.object({ adopters: z.array(v.adopterView) }) } },
  { method: 'post', path: '/adopters', summary: 'Register an adopter', access: 'adopters.write', body: adopterBody,
    ok: { status: 201, schema: z.object({ adopter: v.adopterView }) } },
  { method: 'get', path: '/adopters/{id}', summary: 'An adopter', access: 'adopters.read', ok: { status: 200, schema: z.object({ adopter: v.adopterView }) } },
  { method: 'patch', path: '/adopters/{id}', summary: 'Edit an adopter', access: 'adopters.write', body: adopterPatch,
    ok: { status: 200, schema: z.object({ adopter: v.adopterView }) } },
  { method: 'delete', path: '/adopters/{id}', summary: 'Delete an adopter without adoption requests', access: 'adopters.write',
    ok: { status: 204 }, errors: [409] },
  { method: 'put', path: '/adopters/{id}/black-list', summary: 'Put an adopter on the black list', access: 'adopters.black_list',
    body: blackListBody, ok: { status: 200, schema: z.object({ adopter: v.adopterView }) } },
  { method: 'delete', path: '/adopters/{id}/black-list', summary: 'Take an adopter off the black list', access: 'adopters.black_list',
    ok: { status: 200, schema: z.object({ adopter: v.adopterView }) } },

  { method: 'get', path: '/adoption-requests', summary: 'List adoption requests, filtered by state and filing date', access: 'adoptions.read', query: adoptionRequestFilter,
    ok: { status: 200, schema: z.object({ adoptionRequests: z.array(v.adoptionRequestView) }) } },
  { method: 'post', path: '/adoption-requests', summary: 'File an adoption request', access: 'adoptions.create', body: adoptionRequestBody,
    ok: { status: 201, schema: z.object({ adoptionRequest: v.adoptionRequestView }) }, errors: [409] },
  { method: 'get', path: '/adoption-requests/{id}', summary: 'A request with its history and allowed moves', access: 'adoptions.read',
    ok: { status: 200, schema: z.object({ adoptionRequest: v.adoptionRequestDetailView }) } },
  { method: 'post', path: '/adoption-requests/{id}/transitions', summary: 'Move a request to another state', access: 'adoptions.read',
    body: transitionBody, errors: [409],
    ok: { status: 200, schema: z.object({ moved: z.object({ from: adoptionStateSchema, to: adoptionStateSchema }), adoptionRequest: v.adoptionRequestView }) } },

  { method: 'get', path: '/statistics/animals', summary: 'Animal statistics', access: 'animals.read',
    ok: { status: 200, schema: z.object({ statistics: v.statisticsView }) } },

  { method: 'post', path: '/exports', summary: 'Queue a PDF or Excel export of a filtered list (made in the background)', access: 'signed-in',
    body: exportBody, ok: { status: 202, schema: z.object({ document: v.documentView }) }, errors: [403] },
  { method: 'get', path: '/documents', summary: 'My generated documents, newest first', access: 'signed-in',
    ok: { status: 200, schema: z.object({ documents: z.array(v.documentView) }) } },
  { method: 'get', path: '/documents/{id}', summary: 'One of my documents, with a download link once ready', access: 'signed-in',
    ok: { status: 200, schema: z.object({ document: v.documentView.extend({ downloadUrl: z.url().nullable() }) }) } },
];
