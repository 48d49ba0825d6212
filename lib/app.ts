/** CDK app entry (cdk.json: npx tsx lib/app.ts). Infrastructure only; no business logic here. */
import { App } from 'aws-cdk-lib';
import { ProfileSyncStack } from './profile-sync-stack.ts';

const app = new App();
new ProfileSyncStack(app, 'ProfileSync', {
  description: 'profile-sync: nightly arXiv + dblp reconciliation of researcher profiles',
});
app.synth();
