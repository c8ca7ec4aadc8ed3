import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CurrentOfficer, type Officer, RequireRoles } from '@dvc/auth';
import { CancelShipmentDto } from './dto/cancel-shipment.dto';
import { FindShipmentsQuery } from './dto/find-shipments.query';
import { FixAddressDto } from './dto/fix-address.dto';
import { HistoryView, ShipmentService, ShipmentView } from './shipment.service';

const ANY_OFFICER = ['reception', 'specialist', 'leader', 'cashier', 'admin'] as const;

@Controller('v1/shipments')
export class ShipmentController {
  constructor(private readonly shipments: ShipmentService) {}

  /** A dossier's shipments: the receiver's name, phone and address are personal data, so officers only. */
  @Get()
  @RequireRoles(...ANY_OFFICER)
  find(@Query() query: FindShipmentsQuery): Promise<ShipmentView[]> {
    return this.shipments.findByDossier(query.dossier);
  }

  /** Shipments whose receiver's province is not one of the 34: an officer corrects them. */
  @Get('address-fixes')
  @RequireRoles(...ANY_OFFICER)
  addressFixes(): Promise<ShipmentView[]> {
    return this.shipments.needingAddressFix();
  }

  @Get(':id')
  @RequireRoles(...ANY_OFFICER)
  one(@Param('id') id: string): Promise<ShipmentView> {
    return this.shipments.view(id);
  }

  /** Every step, append-only, with who took it. */
  @Get(':id/history')
  @RequireRoles(...ANY_OFFICER)
  history(@Param('id') id: string): Promise<HistoryView[]> {
    return this.shipments.history(id);
  }

  /** Before pick-up only: the applicant collects the result at the office instead. */
  @Post(':id/cancel')
  @HttpCode(200)
  @RequireRoles('reception', 'admin')
  cancel(
    @Param('id') id: string,
    @Body() dto: CancelShipmentDto,
    @CurrentOfficer() officer: Officer,
  ): Promise<ShipmentView> {
    return this.shipments.cancel(id, officer, dto.reason);
  }

  /** Corrects an address the check could not place; the request then goes to the partner. */
  @Post(':id/address')
  @HttpCode(200)
  @RequireRoles('reception', 'admin')
  fixAddress(
    @Param('id') id: string,
    @Body() dto: FixAddressDto,
    @CurrentOfficer() officer: Officer,
  ): Promise<ShipmentView> {
    return this.shipments.fixAddress(id, officer, dto.receiver);
  }
}
