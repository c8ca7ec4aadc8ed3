import { bootstrapService, exitOnBootFailure } from '@dvc/kernel';
import { PortalAuthenticator } from '@dvc/auth';
import { INTAKE_SCHEMA, intakeModule, loadIntakeConfig } from './app.module';
import { SiteStatsService } from './site-stats/site-stats.service';
import { VISIT_BEACON_PATH, visitBeaconFastPath } from './site-stats/visit-beacon.fast-path';

async function main() {
  const config = loadIntakeConfig();
  await bootstrapService(intakeModule(config), {
    service: 'intake',
    schema: INTAKE_SCHEMA,
    config,
    beforeNest: (app) => app.use(visitBeaconFastPath(app.get(SiteStatsService), app.get(PortalAuthenticator))),
    openApi: {
      extraPaths: {
        [VISIT_BEACON_PATH]: {
          post: {
            tags: ['site-stats'],
            summary: 'Báo một lượt truy cập (phiên ẩn danh) / Report a visit beacon (anonymous session)',
            description:
              'Body {"sessionId": "8-64 chữ, số, - hoặc _"}; 204, hoặc 429 khi vượt ngân sách / 429 over the budget.',
            security: [{ 'portal-api-key': [] }],
            requestBody: {
              required: true,
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    required: ['sessionId'],
                    properties: { sessionId: { type: 'string', pattern: '^[A-Za-z0-9_-]{8,64}$' } },
                  },
                },
              },
            },
            responses: {
              '204': { description: 'Đã ghi nhận / Recorded' },
              '429': { description: 'Quá nhiều / Too many' },
            },
          },
        },
      },
      title: 'DVC intake: danh mục thủ tục và nộp hồ sơ / procedure catalog and dossier submission',
      description:
        'Cổng tiếp nhận hồ sơ trực tuyến của Sở Tài chính: danh mục thủ tục, nộp hồ sơ (khóa API của cổng, Idempotency-Key), tra cứu, bổ sung, rút hồ sơ. ' +
        'Lỗi trả về dạng application/problem+json với mã ổn định và thông điệp tiếng Việt, tiếng Anh. / ' +
        "The Department of Finance's online intake: procedure catalog, dossier submission (portal API key, Idempotency-Key), lookup, supplements, withdrawal. " +
        'Errors are application/problem+json with a stable code and messages in Vietnamese and English.',
    },
  });
}

main().catch(exitOnBootFailure);
