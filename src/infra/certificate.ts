/**
 * The certificate HTTPS serves: an existing one by ARN, or a new ACM
 * certificate for the name, validated by a DNS record in the user's hosted
 * zone. `arn` comes from the validation resource, so whatever uses it (the
 * HTTPS listener) waits until ACM has issued the certificate, and an apply
 * that returns has a working HTTPS endpoint.
 *
 * No data source looks anything up: the zone is given by ID, and the
 * validation record's name and value come from the certificate itself
 * (known at plan time for the name, at apply time for the record).
 */
import { Construct } from './cdktf.js';
import { AcmCertificate, AcmCertificateValidation, Route53Record } from './aws.js';
import { stableId, type Naming } from './naming.js';

export interface CertificateProps {
  /** Source of every name (the certificate's Name tag). */
  readonly naming: Naming;
  /** The host name the certificate is for, e.g. shop.example.com. */
  readonly domainName: string;
  /** Route 53 hosted zone that holds the name: the validation record goes there. */
  readonly hostedZoneId: string;
  /** An issued ACM certificate to use instead of creating one. */
  readonly certificateArn?: string;
}

/** Seconds resolvers keep the validation record: ACM re-checks it at every renewal. */
const VALIDATION_TTL = 300;

export class Certificate extends Construct {
  /** ARN of the issued certificate; with a new one, available only once ACM issued it. */
  readonly arn: string;
  /** A certificate was created here (not an existing one used). */
  readonly created: boolean;

  constructor(scope: Construct, id: string, props: CertificateProps) {
    super(scope, id);
    if (props.certificateArn) {
      this.arn = props.certificateArn;
      this.created = false;
      return;
    }
    this.created = true;
    const certificate = stableId(
      new AcmCertificate(this, 'certificate', {
        domainName: props.domainName,
        validationMethod: 'DNS',
        keyAlgorithm: 'RSA_2048',
        tags: { Name: props.naming.name('https') },
        // A new name gets its new certificate before the listener lets go of the old one.
        lifecycle: { createBeforeDestroy: true },
      }),
      'certificate',
    );
    // One name, so one validation option: the record ACM asks for.
    const option = certificate.domainValidationOptions.get(0);
    const record = stableId(
      new Route53Record(this, 'validation-record', {
        zoneId: props.hostedZoneId,
        name: option.resourceRecordName,
        type: option.resourceRecordType,
        records: [option.resourceRecordValue],
        ttl: VALIDATION_TTL,
        // ACM asks for the same record again when a certificate for the same
        // name is re-created (a new copy, a re-run after a failure): take it over.
        allowOverwrite: true,
      }),
      'certificate_validation_record',
    );
    const validation = stableId(
      new AcmCertificateValidation(this, 'validation', {
        certificateArn: certificate.arn,
        validationRecordFqdns: [record.fqdn],
      }),
      'certificate_validation',
    );
    this.arn = validation.certificateArn;
  }
}
