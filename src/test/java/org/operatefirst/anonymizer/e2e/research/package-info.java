/** What a researcher does with the published data: export it and open the files with their own tools. */
package org.operatefirst.anonymizer.e2e.research;
