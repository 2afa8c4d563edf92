export { FAKE_USER_COOKIE } from './routes/oauth.ts';
export { startFakeGitHub } from './start.ts';
export { signBody } from './webhook-sender.ts';
export type {
  ApiCall,
  CommitInput,
  CommitState,
  CreateRepoInput,
  Delivery,
  DeploymentState,
  FakeComment,
  FakeDeployment,
  FakeDeploymentStatus,
  FakeGitHub,
  OpenPullRequestInput,
  PayloadBuilders,
  Permission,
  StartOptions,
  WaitOptions,
} from './types.ts';
export { startWebhookReceiver, type ReceivedWebhook, type WebhookReceiver } from './webhook-receiver.ts';
