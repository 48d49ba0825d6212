/**
 * A loopback stand-in for the Amazon SNS endpoint, speaking the protocol the
 * SDK's SNSClient uses (awsQuery: a form-encoded POST, an XML answer), so
 * that a handler's real client, pointed here by AWS_ENDPOINT_URL_SNS, can be
 * seen publishing: topic, subject, message and message attributes. Binds
 * 127.0.0.1 and stops by itself.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Published {
  readonly topicArn: string;
  readonly subject?: string;
  readonly message: string;
  readonly attributes: Record<string, { dataType: string; value: string }>;
}

export interface SnsEndpoint {
  readonly url: string;
  readonly published: Published[];
  close(): Promise<void>;
}

export async function startSnsEndpoint(lifetimeMs = 60_000): Promise<SnsEndpoint> {
  const published: Published[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const form = new URLSearchParams(body);
      const reply = (status: number, xml: string) => {
        res.writeHead(status, { 'Content-Type': 'text/xml' });
        res.end(xml);
      };
      if (req.method !== 'POST' || form.get('Action') !== 'Publish' || !form.get('TopicArn') || !form.get('Message')) {
        reply(400, '<ErrorResponse><Error><Type>Sender</Type><Code>InvalidParameter</Code><Message>expected Action=Publish with TopicArn and Message</Message></Error><RequestId>0</RequestId></ErrorResponse>');
        return;
      }
      const attributes: Published['attributes'] = {};
      for (let i = 1; form.has(`MessageAttributes.entry.${i}.Name`); i++) {
        attributes[form.get(`MessageAttributes.entry.${i}.Name`)!] = { dataType: form.get(`MessageAttributes.entry.${i}.Value.DataType`) ?? '', value: form.get(`MessageAttributes.entry.${i}.Value.StringValue`) ?? '' };
      }
      const subject = form.get('Subject');
      published.push({ topicArn: form.get('TopicArn')!, ...(subject !== null ? { subject } : {}), message: form.get('Message')!, attributes });
      reply(200, `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>msg-${published.length}</MessageId></PublishResult><ResponseMetadata><RequestId>req-${published.length}</RequestId></ResponseMetadata></PublishResponse>`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const timer = setTimeout(() => server.close(), lifetimeMs);
  timer.unref();
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    published,
    close: () =>
      new Promise<void>((resolve) => {
        clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
