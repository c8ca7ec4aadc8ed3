import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

export interface OpenApiOptions {
  title: string;
  /** Vietnamese first, English beside it. */
  description: string;
  version?: string;
  /** Operations served outside NestJS's routing (so not discovered), added to the document. */
  extraPaths?: Record<string, Record<string, unknown>>;
}

/** OpenAPI document at /docs-json and Swagger UI at /docs. */
export function mountOpenApi(app: INestApplication, o: OpenApiOptions): void {
  const config = new DocumentBuilder()
    .setTitle(o.title)
    .setDescription(o.description)
    .setVersion(o.version ?? '1')
    .addApiKey(
      { type: 'apiKey', in: 'header', name: 'X-Api-Key', description: 'Khóa API của cổng / Portal API key' },
      'portal-api-key',
    )
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Token cán bộ / Officer token' })
    .build();
  const document = SwaggerModule.createDocument(app, config);
  Object.assign(document.paths, o.extraPaths ?? {});
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
