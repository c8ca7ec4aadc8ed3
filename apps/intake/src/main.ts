import { bootstrapService, exitOnBootFailure } from '@dvc/platform';
import { INTAKE_SCHEMA, intakeModule, loadIntakeConfig } from './app.module';

async function main() {
  const config = loadIntakeConfig();
  await bootstrapService(intakeModule(config), {
    service: 'intake',
    schema: INTAKE_SCHEMA,
    config,
    openApi: {
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
