import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentOfficer, type Officer, PortalAuthenticator, RequireRoles } from '@dvc/auth';
import { CreatePortalDto } from './dto/create-portal.dto';
import type { Portal } from './portal.repository';
import { PortalService } from './portal.service';

const view = (p: Portal) => ({
  id: p.id,
  name: p.name,
  keyPrefix: p.keyPrefix,
  createdAt: p.createdAt,
  revokedAt: p.revokedAt,
});

@ApiTags('admin')
@ApiBearerAuth()
@Controller('v1/admin/portals')
export class PortalAdminController {
  constructor(
    private readonly portals: PortalService,
    private readonly authenticator: PortalAuthenticator,
  ) {}

  @Post()
  @RequireRoles('admin')
  @ApiOperation({ summary: 'Cấp khóa API cho một cổng (chỉ hiện một lần) / Issue a portal API key (shown once)' })
  async create(@Body() dto: CreatePortalDto, @CurrentOfficer() admin: Officer) {
    const { portal, apiKey } = await this.portals.create(dto.name, admin.id);
    return { ...view(portal), apiKey };
  }

  @Get()
  @RequireRoles('admin')
  @ApiOperation({ summary: 'Danh sách cổng / List portals' })
  async list() {
    return (await this.portals.list()).map(view);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @RequireRoles('admin')
  @ApiOperation({ summary: 'Thu hồi khóa API / Revoke a portal key' })
  async revoke(@Param('id', ParseUUIDPipe) id: string) {
    const portal = await this.portals.revoke(id);
    // This replica stops accepting the key at once; the others within the authenticator's cache time.
    this.authenticator.forgetAll();
    return view(portal);
  }
}
