/** S3 static website configuration that serves `index.html` for a folder, as the sandbox buckets use. */
export const websiteConfigXml = `<WebsiteConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
  <IndexDocument><Suffix>index.html</Suffix></IndexDocument>
</WebsiteConfiguration>`;

/**
 * s3rver serves a bucket as a website to requests whose Host is `<bucket>.s3-website.<serviceEndpoint>`
 * (see its vhost middleware); requests to the bare address are the REST API.
 */
export function websiteHost(bucket: string): string {
  return `${bucket}.s3-website.amazonaws.com`;
}
