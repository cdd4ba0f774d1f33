/** tmp */ package org.operatefirst.anonymizer.ingest;
