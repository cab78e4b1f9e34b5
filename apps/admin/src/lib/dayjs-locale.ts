// Date pickers read dayjs' locale: Vietnamese month and weekday names, weeks starting on Monday.
import dayjs from 'dayjs';
import 'dayjs/locale/vi';

dayjs.locale('vi');
