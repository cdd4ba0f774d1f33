/** tmp */ package org.operatefirst.anonymizer.publisher;
