// Working hours per weekday, each day with any number of ranges (e.g. a
// lunch break splits the day into two).
import { WEEKDAYS, type Weekday, type WorkingHours } from '../../../shared/domain';

const NAMES: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

export function WorkingHoursEditor({ value, onChange }: { value: WorkingHours; onChange: (v: WorkingHours) => void }) {
  const setDay = (day: Weekday, ranges: Array<[string, string]>) => onChange({ ...value, [day]: ranges });
  return (
    <fieldset className="working-hours">
      <legend>Working hours</legend>
      {WEEKDAYS.map((day) => {
        const ranges = value[day] ?? [];
        return (
          <div key={day} className="wh-day" role="group" aria-labelledby={`wh-${day}`}>
            <span id={`wh-${day}`} className="wh-name">
              {NAMES[day]}
            </span>
            <div className="wh-ranges">
              {ranges.length === 0 && <span className="muted">Not working</span>}
              {ranges.map(([from, to], i) => (
                <span key={i} className="wh-range">
                  <label>
                    <span className="visually-hidden">
                      {NAMES[day]} range {i + 1} from
                    </span>
                    <input
                      type="time"
                      value={from}
                      required
                      onChange={(e) =>
                        setDay(
                          day,
                          ranges.map((r, j) => (j === i ? [e.target.value, r[1]] : r)),
                        )
                      }
                    />
                  </label>
                  –
                  <label>
                    <span className="visually-hidden">
                      {NAMES[day]} range {i + 1} to
                    </span>
                    <input
                      type="time"
                      value={to}
                      required
                      onChange={(e) =>
                        setDay(
                          day,
                          ranges.map((r, j) => (j === i ? [r[0], e.target.value] : r)),
                        )
                      }
                    />
                  </label>
                  <button
                    type="button"
                    className="icon-button"
                    onClick={() =>
                      setDay(
                        day,
                        ranges.filter((_, j) => j !== i),
                      )
                    }
                    aria-label={`Remove ${NAMES[day]} range ${i + 1}`}
                  >
                    ×
                  </button>
                </span>
              ))}
              <button
                type="button"
                className="link-button"
                onClick={() =>
                  setDay(day, [
                    ...ranges,
                    ranges.length
                      ? [ranges.at(-1)![1] < '23:00' ? ranges.at(-1)![1] : '09:00', '23:59']
                      : ['09:00', '17:00'],
                  ])
                }
                disabled={ranges.length >= 8}
                aria-label={`Add a range on ${NAMES[day]}`}
              >
                + range
              </button>
            </div>
          </div>
        );
      })}
    </fieldset>
  );
}
