import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { createEvent, EventEnvelope, PaymentMethod, DeliveryMethod } from '@dvc/contracts';
import { OutboxWriter } from '@dvc/messaging';
import { IntakeConfig } from '../config/intake.config';
import { ProcedureVersionEntity } from '../procedure/entities/procedure-version.entity';
import { nextDossierCode } from './dossier-code';
import { DossierErrors } from './dossier.errors';
import { SubmitDossierDto } from './dto/submit-dossier.dto';
import { DossierEntity } from './entities/dossier.entity';

/** Methods each level allows (Decree 42/2022 and the source document's level definitions). */
const ALLOWED: Record<3 | 4, { payment: readonly PaymentMethod[]; delivery: readonly DeliveryMethod[] }> = {
  3: { payment: ['office', 'none'], delivery: ['office'] },
  4: { payment: ['online', 'postal_cod', 'office', 'none'], delivery: ['office', 'postal'] },
};

export interface DossierView {
  code: string;
  procedureCode: string;
  procedureVersion: number;
  status: string;
  nationalStatusCode: number;
  statusChangedAt: string;
  submittedAt: string;
}

@Injectable()
export class DossierService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly config: IntakeConfig,
  ) {}

  /** Stores the dossier and its dossier.submitted event in one transaction. */
  async submit(dto: SubmitDossierDto): Promise<DossierView> {
    return this.dataSource.transaction(async (em) => {
      const procedure = await em.findOne(ProcedureVersionEntity, {
        where: { code: dto.procedureCode },
        order: { version: 'DESC' },
      });
      if (!procedure) throw DossierErrors.procedureNotFound(dto.procedureCode);
      if (procedure.level < 3) throw DossierErrors.notOnline(procedure.code, procedure.level);
      const level = procedure.level as 3 | 4;
      const feeAmount = procedure.feeItems.reduce((sum, i) => sum + i.amount, 0);
      const paymentMethod: PaymentMethod = feeAmount === 0 ? 'none' : dto.paymentMethod;
      if (!ALLOWED[level].payment.includes(paymentMethod) || (feeAmount > 0 && paymentMethod === 'none')) {
        throw DossierErrors.methodNotAllowed('payment', dto.paymentMethod, level, ALLOWED[level].payment.filter((m) => m !== 'none'));
      }
      if (!ALLOWED[level].delivery.includes(dto.deliveryMethod)) {
        throw DossierErrors.methodNotAllowed('delivery', dto.deliveryMethod, level, ALLOWED[level].delivery);
      }

      const now = new Date();
      const dossier = em.create(DossierEntity, {
        id: randomUUID(),
        code: await nextDossierCode(em, this.config.AGENCY_CODE),
        procedureCode: procedure.code,
        procedureVersion: procedure.version,
        applicant: { ...dto.applicant },
        paymentMethod,
        deliveryMethod: dto.deliveryMethod,
        deliveryAddress: dto.deliveryMethod === 'postal' && dto.deliveryAddress ? { ...dto.deliveryAddress } : null,
        status: 'submitted',
        nationalStatusCode: 1,
        statusChangedAt: now,
        submittedAt: now,
      });
      await em.insert(DossierEntity, dossier);
      await this.outbox.add(
        em,
        createEvent(
          'dossier.submitted',
          {
            dossierCode: dossier.code,
            procedureCode: procedure.code,
            procedureVersion: procedure.version,
            procedureName: procedure.name,
            fieldCode: procedure.fieldCode,
            level,
            processingTime: procedure.processingTime,
            processingTimeUnit: procedure.processingTimeUnit,
            channel: 2,
            applicant: dossier.applicant,
            paymentMethod,
            deliveryMethod: dossier.deliveryMethod,
            ...(dossier.deliveryAddress ? { deliveryAddress: dossier.deliveryAddress } : {}),
            fee: { amount: feeAmount, items: procedure.feeItems },
            submittedAt: now.toISOString(),
          },
          { source: 'intake', correlationId: dossier.code },
        ),
      );
      return toView(dossier);
    });
  }

  async findByCode(code: string): Promise<DossierView> {
    const dossier = await this.dataSource.getRepository(DossierEntity).findOneBy({ code });
    if (!dossier) throw DossierErrors.notFound(code);
    return toView(dossier);
  }

  /**
   * Mirrors processing's status for the citizen lookup. Events may arrive out of order (retries,
   * several relays), so an older status never overwrites a newer one.
   */
  async applyStatusChange(em: EntityManager, event: EventEnvelope<'dossier.status_changed'>): Promise<void> {
    const d = event.data;
    await em.query(
      `UPDATE intake.dossiers
          SET status = $2, national_status_code = $3, status_changed_at = $4
        WHERE code = $1 AND status_changed_at <= $4`,
      [d.dossierCode, d.status, d.nationalStatusCode, d.occurredAt],
    );
  }
}

function toView(d: DossierEntity): DossierView {
  return {
    code: d.code,
    procedureCode: d.procedureCode,
    procedureVersion: d.procedureVersion,
    status: d.status,
    nationalStatusCode: d.nationalStatusCode,
    statusChangedAt: d.statusChangedAt.toISOString(),
    submittedAt: d.submittedAt.toISOString(),
  };
}
