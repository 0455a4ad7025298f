import { Global, Module } from '@nestjs/common';
import { HAVEN_CONFIG, type HavenConfig } from '../../config/config.js';
import { EnvelopeEncryption } from './envelope-encryption.js';

@Global()
@Module({
  providers: [
    {
      provide: EnvelopeEncryption,
      inject: [HAVEN_CONFIG],
      useFactory: (config: HavenConfig) => {
        if (!config.masterKey) throw new Error('No master key configured');
        return new EnvelopeEncryption(config.masterKey);
      },
    },
  ],
  exports: [EnvelopeEncryption],
})
export class CryptoModule {}
